import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  linuxOnBattery,
  type PowerSupplyReading,
  parseHidIdleSeconds,
  parsePmsetOnBattery,
} from '../../../src/core/machine/platformReadings';

// Written after the documented output of macOS 14's pmset and ioreg (no Mac is available here).
const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/machine/${name}`, import.meta.url), 'utf8');

const supply = (fields: Partial<PowerSupplyReading>): PowerSupplyReading => ({
  type: undefined,
  online: undefined,
  status: undefined,
  scope: undefined,
  ...fields,
});

describe('pmset -g batt', () => {
  it('reads the source the Mac draws from', () => {
    expect(parsePmsetOnBattery(fixture('pmset-ac.txt'))).toBe(false);
    expect(parsePmsetOnBattery(fixture('pmset-battery.txt'))).toBe(true);
    expect(parsePmsetOnBattery(fixture('pmset-desktop.txt'))).toBe(false);
  });

  it('counts a UPS as battery and anything else as unknown', () => {
    expect(parsePmsetOnBattery(fixture('pmset-ups.txt'))).toBe(true);
    expect(parsePmsetOnBattery("Now drawing from 'Solar'\n")).toBeUndefined();
    expect(parsePmsetOnBattery('')).toBeUndefined();
  });
});

describe('ioreg -c IOHIDSystem', () => {
  it('turns HIDIdleTime nanoseconds into seconds', () => {
    expect(parseHidIdleSeconds(fixture('ioreg-hidsystem.txt'))).toBeCloseTo(412.718, 3);
    expect(parseHidIdleSeconds('"HIDIdleTime" = 1543906125')).toBeCloseTo(1.543, 3);
  });

  it('is unknown without the key', () => {
    expect(parseHidIdleSeconds('+-o Root  <class IORegistryEntry>')).toBeUndefined();
  });
});

describe('/sys/class/power_supply', () => {
  const battery = (status: string) => supply({ type: 'Battery\n', status: `${status}\n`, scope: undefined });

  it('is on mains when a supply is online, whatever the battery says', () => {
    expect(linuxOnBattery([supply({ type: 'Mains\n', online: '1\n' }), battery('Discharging')])).toBe(false);
    expect(linuxOnBattery([supply({ type: 'USB\n', online: '1\n' })])).toBe(false);
  });

  it('is on battery when the system battery discharges or every mains supply is offline', () => {
    expect(linuxOnBattery([battery('Discharging')])).toBe(true);
    expect(linuxOnBattery([supply({ type: 'Mains\n', online: '0\n' }), battery('Unknown')])).toBe(true);
  });

  it('reads a charging or full battery as mains', () => {
    expect(linuxOnBattery([battery('Charging')])).toBe(false);
    expect(linuxOnBattery([battery('Full')])).toBe(false);
  });

  it('ignores a mouse battery and is unknown without any system supply', () => {
    const mouse = supply({ type: 'Battery\n', status: 'Discharging\n', scope: 'Device\n' });
    expect(linuxOnBattery([mouse])).toBeUndefined();
    expect(linuxOnBattery([])).toBeUndefined();
  });
});
