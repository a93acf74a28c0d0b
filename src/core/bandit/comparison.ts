/** An arm of an A/B test: the control is `'original'`, variants are `'A'`, `'B'`, `'C'`, … */
export type ArmId = string;

/** The id of the control arm (the skill's current prompt). */
export const CONTROL_ARM: ArmId = 'original';

/**
 * One stored vote: the user saw the outputs of `shown` (2–3 distinct arms) and picked `chosen`,
 * or skipped (`chosen: null`), which carries no information and is not a vote.
 */
export interface Comparison {
  shown: readonly ArmId[];
  chosen: ArmId | null;
}

/** Per-arm counts under the seed's reading: the pick wins, every other shown arm loses. */
export interface ArmTally {
  arm: ArmId;
  wins: number;
  losses: number;
  /** Votes (non-skips) in which the arm was shown. */
  shown: number;
}

/** Number of real votes (skips excluded) in `comparisons`. */
export function votesCount(comparisons: readonly Comparison[]): number {
  let votes = 0;
  for (const comparison of comparisons) if (isVote(comparison)) votes += 1;
  return votes;
}

/** Whether a comparison counts: a pick among at least two shown arms, the pick being one of them. */
export function isVote(comparison: Comparison): comparison is Comparison & { chosen: ArmId } {
  return (
    comparison.chosen !== null && comparison.shown.length >= 2 && comparison.shown.includes(comparison.chosen)
  );
}

/**
 * Wins, losses and exposures per arm, aligned with `arms`. Votes naming arms outside `arms` still
 * count for the arms that are in it, so retiring an arm does not erase the others' evidence.
 */
export function armTallies(arms: readonly ArmId[], comparisons: readonly Comparison[]): ArmTally[] {
  const tallies = arms.map((arm) => ({ arm, wins: 0, losses: 0, shown: 0 }));
  const index = new Map(arms.map((arm, i) => [arm, i]));
  for (const comparison of comparisons) {
    if (!isVote(comparison)) continue;
    for (const arm of new Set(comparison.shown)) {
      const i = index.get(arm);
      const tally = i === undefined ? undefined : tallies[i];
      if (!tally) continue;
      tally.shown += 1;
      if (arm === comparison.chosen) tally.wins += 1;
      else tally.losses += 1;
    }
  }
  return tallies;
}
