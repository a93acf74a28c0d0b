import type { Config } from '../config';
import type { MachineState } from '../machine/machineState';

/** Why a breeding run waits; progress shows it as `waiting: <reason>`. */
export type MachineWait = 'on battery' | 'Mac in use' | 'evolution paused';

/**
 * A running breed counts the user as back once input is this recent, so a run that started after
 * `wait_for_idle_minutes` is not stopped by the idle clock alone, only by a key press or a mouse move.
 */
export const USER_BACK_IDLE_SECONDS = 60;

/** How often a waiting run reads the machine again. */
export const MACHINE_POLL_MS = 30_000;

/** Holds monitor-started evolution back while the Mac is in use or on battery. */
export interface MachineGate {
  /**
   * Why breeding must wait now, or `null`. `running`: a breed is under way and stops only when the
   * user is back (under {@link USER_BACK_IDLE_SECONDS} idle), the power goes, or evolution is paused.
   */
  waitReason(running: boolean): MachineWait | null;
  /**
   * Resolves when it is time to look again; rejects with the signal's reason. Without it a run that
   * must wait is not kept waiting: it stops, paused, for a later run to resume (`--no-wait`).
   */
  sleep?: ((signal: AbortSignal | undefined) => Promise<void>) | undefined;
}

/**
 * The gate the knobs describe: `evolution.require_mains_power` and `evolution.wait_for_idle_minutes`
 * (0 = do not wait for idle), plus `evolution.paused`. A reading the machine cannot give counts as
 * fine, so where nothing can be read evolution runs as it always did.
 *
 * @param settings - read at every look, so a settings change applies to a waiting run.
 */
export function machineGate(options: {
  machine: MachineState;
  settings: () => Config['evolution'];
  sleep?: MachineGate['sleep'];
}): MachineGate {
  return {
    waitReason(running) {
      const settings = options.settings();
      if (settings.paused) return 'evolution paused';
      if (settings.require_mains_power && options.machine.onBattery() === true) return 'on battery';
      const waitSeconds = settings.wait_for_idle_minutes * 60;
      if (waitSeconds > 0) {
        const idle = options.machine.idleSeconds();
        const needed = running ? Math.min(waitSeconds, USER_BACK_IDLE_SECONDS) : waitSeconds;
        if (idle !== undefined && idle < needed) return 'Mac in use';
      }
      return null;
    },
    sleep: options.sleep,
  };
}

/** A sleep on a real timer for {@link MachineGate.sleep}. @param ms - @default {@link MACHINE_POLL_MS} */
export function timerSleep(ms = MACHINE_POLL_MS): NonNullable<MachineGate['sleep']> {
  return (signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const abort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', abort, { once: true });
    });
}

/**
 * Waits, looking again after each `sleep`, until the gate lets a breed start. `onWaiting` hears each
 * new reason (not every look); `onLook` runs before every sleep (the caller renews its lease there).
 *
 * @returns `null` once breeding may start; the reason when it must wait and the gate has no `sleep`.
 * @throws the signal's reason when aborted while waiting.
 */
export async function waitForMachine(
  gate: MachineGate,
  options: {
    signal?: AbortSignal | undefined;
    onWaiting?: ((reason: MachineWait) => void) | undefined;
    onLook?: (() => void) | undefined;
  } = {},
): Promise<MachineWait | null> {
  let told: MachineWait | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const reason = gate.waitReason(false);
    if (reason === null) return null;
    if (!gate.sleep) return reason;
    if (reason !== told) options.onWaiting?.(reason);
    told = reason;
    options.onLook?.();
    await gate.sleep(options.signal);
  }
}
