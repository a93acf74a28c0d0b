import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformMachineState } from '../../../src/core/machine/platformMachineState';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

/** A `/sys/class/power_supply` look-alike: one folder per supply, one file per attribute. */
function powerSupplies(supplies: Record<string, Record<string, string>>): string {
  const root = newDir();
  for (const [name, files] of Object.entries(supplies)) {
    mkdirSync(join(root, name));
    for (const [file, value] of Object.entries(files)) writeFileSync(join(root, name, file), `${value}\n`);
  }
  return root;
}

describe('platformMachineState', () => {
  it('reads a Linux laptop unplugged, then plugged in', () => {
    const unplugged = powerSupplies({
      AC: { type: 'Mains', online: '0' },
      BAT0: { type: 'Battery', status: 'Discharging' },
    });
    expect(platformMachineState('linux', unplugged).onBattery()).toBe(true);
    const plugged = powerSupplies({
      AC: { type: 'Mains', online: '1' },
      BAT0: { type: 'Battery', status: 'Charging' },
    });
    expect(platformMachineState('linux', plugged).onBattery()).toBe(false);
  });

  it('is unknown where nothing can be read: no supplies, no folder, no idle time on Linux, Windows', () => {
    expect(platformMachineState('linux', powerSupplies({})).onBattery()).toBeUndefined();
    expect(platformMachineState('linux', join(newDir(), 'missing')).onBattery()).toBeUndefined();
    expect(platformMachineState('linux', powerSupplies({})).idleSeconds()).toBeUndefined();
    const windows = platformMachineState('win32');
    expect([windows.onBattery(), windows.idleSeconds()]).toEqual([undefined, undefined]);
  });

  it.skipIf(process.platform === 'darwin')('reads unknown when pmset and ioreg are not there', () => {
    const mac = platformMachineState('darwin');
    expect([mac.onBattery(), mac.idleSeconds()]).toEqual([undefined, undefined]);
  });

  it.runIf(process.platform === 'darwin')('reads this Mac', () => {
    const mac = platformMachineState('darwin');
    expect(typeof mac.onBattery()).toBe('boolean');
    expect(mac.idleSeconds()).toBeGreaterThanOrEqual(0);
  });
});
