/**
 * Parsers of what the platform prints about power and input, kept free of I/O so they are tested on
 * captured outputs (test/fixtures/machine).
 */

/**
 * `pmset -g batt` (macOS): its first line names the source, `Now drawing from 'AC Power'`,
 * `'Battery Power'` or `'UPS Power'`. A UPS counts as battery: the mains is gone either way.
 */
export function parsePmsetOnBattery(output: string): boolean | undefined {
  const source = /Now drawing from '([^']+)'/.exec(output)?.[1];
  if (source === 'AC Power') return false;
  if (source === 'Battery Power' || source === 'UPS Power') return true;
  return undefined;
}

/** `ioreg -c IOHIDSystem` (macOS): `"HIDIdleTime" = <nanoseconds>`, the first such entry, in seconds. */
export function parseHidIdleSeconds(output: string): number | undefined {
  const nanos = /"HIDIdleTime"\s*=\s*(\d+)/.exec(output)?.[1];
  if (nanos === undefined) return undefined;
  return Number(BigInt(nanos) / 1_000_000n) / 1000;
}

/** One `/sys/class/power_supply/<name>` entry (Linux): its files, as read; absent files are `undefined`. */
export interface PowerSupplyReading {
  /** `Mains`, `Battery`, `USB`, `UPS`… */
  type: string | undefined;
  /** `1` when a mains or USB supply is plugged in. */
  online: string | undefined;
  /** A battery's `Charging`, `Discharging`, `Full`, `Not charging`, `Unknown`. */
  status: string | undefined;
  /** `Device` for a mouse's or headset's battery, which says nothing about the machine. */
  scope: string | undefined;
}

/**
 * Linux: on mains when a supply is online or the system battery charges or is full; on battery when
 * it discharges or every mains supply is offline; `undefined` without any of those (a desktop or a VM
 * that shows no supply).
 */
export function linuxOnBattery(supplies: readonly PowerSupplyReading[]): boolean | undefined {
  const system = supplies.filter((s) => s.scope?.trim() !== 'Device');
  const mains = system.filter((s) => s.type?.trim() !== 'Battery' && s.online !== undefined);
  const batteries = system.filter((s) => s.type?.trim() === 'Battery');
  if (mains.some((s) => s.online?.trim() === '1')) return false;
  const statuses = batteries.map((s) => s.status?.trim());
  if (statuses.includes('Discharging')) return true;
  if (statuses.some((s) => s === 'Charging' || s === 'Full' || s === 'Not charging')) return false;
  if (mains.length > 0 && batteries.length > 0) return true;
  return undefined;
}
