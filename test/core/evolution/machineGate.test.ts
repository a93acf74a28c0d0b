import { describe, expect, it } from 'vitest';
import { machineGate, USER_BACK_IDLE_SECONDS, waitForMachine } from '../../../src/core/evolution/machineGate';
import { unknownMachineState } from '../../../src/core/machine/machineState';
import { defaultConfig } from '../../../src/shared/values/configSchema';

function gateOver(reading: { onBattery?: boolean; idleSeconds?: number }, settings = {}) {
  return machineGate({
    machine: { onBattery: () => reading.onBattery, idleSeconds: () => reading.idleSeconds },
    settings: () => ({ ...defaultConfig.evolution, ...settings }),
  });
}

describe('machineGate', () => {
  it('lets a due run start only on mains power after wait_for_idle_minutes without input', () => {
    expect(gateOver({ onBattery: false, idleSeconds: 5 * 60 }).waitReason(false)).toBeNull();
    expect(gateOver({ onBattery: true, idleSeconds: 5 * 60 }).waitReason(false)).toBe('on battery');
    expect(gateOver({ onBattery: false, idleSeconds: 5 * 60 - 1 }).waitReason(false)).toBe('Mac in use');
    // Both: the battery is named, it is the one the user would not guess.
    expect(gateOver({ onBattery: true, idleSeconds: 0 }).waitReason(false)).toBe('on battery');
  });

  it('stops a running breed only when the user is back or the power goes', () => {
    const away = gateOver({ onBattery: false, idleSeconds: USER_BACK_IDLE_SECONDS });
    expect(away.waitReason(true)).toBeNull();
    expect(away.waitReason(false)).toBe('Mac in use');
    expect(gateOver({ onBattery: false, idleSeconds: 3 }).waitReason(true)).toBe('Mac in use');
    expect(gateOver({ onBattery: true, idleSeconds: 3600 }).waitReason(true)).toBe('on battery');
  });

  it('has an off switch per check, and waits while all evolution is paused', () => {
    expect(gateOver({ onBattery: true }, { require_mains_power: false }).waitReason(false)).toBeNull();
    expect(gateOver({ idleSeconds: 0 }, { wait_for_idle_minutes: 0 }).waitReason(false)).toBeNull();
    expect(gateOver({ onBattery: false, idleSeconds: 3600 }, { paused: true }).waitReason(true)).toBe(
      'evolution paused',
    );
  });

  it('runs as before where the machine cannot be read', () => {
    const gate = machineGate({ machine: unknownMachineState, settings: () => defaultConfig.evolution });
    expect([gate.waitReason(false), gate.waitReason(true)]).toEqual([null, null]);
  });
});

describe('waitForMachine', () => {
  it('tells each new reason once and looks again after every sleep until the gate opens', async () => {
    const readings = [
      { onBattery: true, idleSeconds: 0 },
      { onBattery: true, idleSeconds: 0 },
      { onBattery: false, idleSeconds: 10 },
      { onBattery: false, idleSeconds: 600 },
    ];
    let look = 0;
    const told: string[] = [];
    const gate = machineGate({
      machine: { onBattery: () => readings[look]?.onBattery, idleSeconds: () => readings[look]?.idleSeconds },
      settings: () => defaultConfig.evolution,
      sleep: async () => {
        look++;
      },
    });
    expect(await waitForMachine(gate, { onWaiting: (reason) => told.push(reason) })).toBeNull();
    expect(told).toEqual(['on battery', 'Mac in use']);
    expect(look).toBe(3);
  });

  it('answers the reason instead of waiting when the gate has no sleep', async () => {
    expect(await waitForMachine(gateOver({ onBattery: true }))).toBe('on battery');
  });
});
