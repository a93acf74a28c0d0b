import { expect } from 'vitest';
import type { KillOutcome } from './killRuns';

/** Nothing lost, nothing inconsistent, integrity ok, and the kills landed after real work. */
export function expectNothingLost(outcome: KillOutcome, minAcknowledged: number): void {
  expect(outcome.problems).toEqual([]);
  expect(outcome).toMatchObject({ lost: 0, integrityFailures: 0, inconsistencies: 0 });
  expect(outcome.acknowledged).toBeGreaterThanOrEqual(minAcknowledged);
}
