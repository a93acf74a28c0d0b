import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineState } from './machineState';
import {
  linuxOnBattery,
  type PowerSupplyReading,
  parseHidIdleSeconds,
  parsePmsetOnBattery,
} from './platformReadings';

/** A reading that takes longer than this is given up (`undefined`) rather than stalling a run. */
const COMMAND_TIMEOUT_MS = 2_000;

/**
 * The machine's state for processes without Electron (the CLI): `pmset -g batt` and `ioreg -c
 * IOHIDSystem` on macOS, `/sys/class/power_supply` on Linux (idle time is not readable there
 * without a display server's help), nothing elsewhere. A command that fails reads as `undefined`.
 *
 * @param platform - @default process.platform
 * @param powerSupplyDir - @default /sys/class/power_supply
 */
export function platformMachineState(
  platform: NodeJS.Platform = process.platform,
  powerSupplyDir = '/sys/class/power_supply',
): MachineState {
  switch (platform) {
    case 'darwin':
      return {
        onBattery: () => readCommand('pmset', ['-g', 'batt'], parsePmsetOnBattery),
        idleSeconds: () => readCommand('ioreg', ['-c', 'IOHIDSystem'], parseHidIdleSeconds),
      };
    case 'linux':
      return {
        onBattery: () => linuxOnBattery(readPowerSupplies(powerSupplyDir)),
        idleSeconds: () => undefined,
      };
    default:
      return { onBattery: () => undefined, idleSeconds: () => undefined };
  }
}

function readCommand<T>(
  file: string,
  args: string[],
  parse: (output: string) => T | undefined,
): T | undefined {
  try {
    return parse(
      execFileSync(file, args, {
        encoding: 'utf8',
        timeout: COMMAND_TIMEOUT_MS,
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 16 * 1024 * 1024,
      }),
    );
  } catch {
    return undefined;
  }
}

function readPowerSupplies(dir: string): PowerSupplyReading[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const read = (name: string, file: string) => {
    try {
      return readFileSync(join(dir, name, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  return names.map((name) => ({
    type: read(name, 'type'),
    online: read(name, 'online'),
    status: read(name, 'status'),
    scope: read(name, 'scope'),
  }));
}
