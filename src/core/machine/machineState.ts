/**
 * What the machine is doing, as far as the platform lets us read it: the port evolution asks before
 * it spends minutes of CPU. Each reading is `undefined` when it cannot be read here, and evolution
 * then behaves as if the check were off.
 */
export interface MachineState {
  /** `true` on battery (or a UPS), `false` on mains power. */
  onBattery(): boolean | undefined;
  /** Seconds since the last keyboard, mouse or trackpad input. */
  idleSeconds(): number | undefined;
}

/** A machine whose power and idle state cannot be read: evolution runs as it always did. */
export const unknownMachineState: MachineState = {
  onBattery: () => undefined,
  idleSeconds: () => undefined,
};
