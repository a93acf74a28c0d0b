import type { PowerMonitor } from 'electron';
import type { MachineState } from '../core/machine/machineState';

/**
 * Electron's `powerMonitor` as the core's machine port. `getSystemIdleTime()` is whole seconds since
 * the last input; `isOnBatteryPower()` is read each time (the `on-battery`/`on-ac` events are not
 * emitted on every platform). A call that throws reads as unknown.
 * https://www.electronjs.org/docs/latest/api/power-monitor
 */
export function powerMonitorMachineState(
  powerMonitor: Pick<PowerMonitor, 'isOnBatteryPower' | 'getSystemIdleTime'>,
): MachineState {
  const read = <T>(get: () => T): T | undefined => {
    try {
      return get();
    } catch {
      return undefined;
    }
  };
  return {
    onBattery: () => read(() => powerMonitor.isOnBatteryPower()),
    idleSeconds: () => read(() => powerMonitor.getSystemIdleTime()),
  };
}
