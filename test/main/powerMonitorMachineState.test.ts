import { describe, expect, it } from 'vitest';
import { powerMonitorMachineState } from '../../src/main/powerMonitorMachineState';

describe('powerMonitorMachineState', () => {
  it("reads Electron's powerMonitor, and a call that throws as unknown", () => {
    const machine = powerMonitorMachineState({ isOnBatteryPower: () => true, getSystemIdleTime: () => 42 });
    expect([machine.onBattery(), machine.idleSeconds()]).toEqual([true, 42]);
    const broken = powerMonitorMachineState({
      isOnBatteryPower: () => {
        throw new Error('not ready');
      },
      getSystemIdleTime: () => {
        throw new Error('not ready');
      },
    });
    expect([broken.onBattery(), broken.idleSeconds()]).toEqual([undefined, undefined]);
  });
});
