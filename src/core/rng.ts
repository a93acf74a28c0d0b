/** Uniform random number in [0, 1). Injected everywhere randomness matters so runs replay from a seed. */
export type Rng = () => number;

/**
 * Seeded generator (mulberry32): fast, 32-bit state, good enough for allocation and simulation.
 * Not for anything security-related.
 */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const systemRng: Rng = Math.random;
