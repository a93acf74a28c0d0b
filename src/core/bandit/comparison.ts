/** An arm of an A/B test: the control is `'original'`, variants are `'A'`, `'B'`, `'C'`, … */
export type ArmId = string;

/** The id of the control arm (the skill's current prompt). */
export const CONTROL_ARM: ArmId = 'original';

/**
 * One stored vote: the user saw the outputs of `shown` (2–3 distinct arms) and picked `chosen`,
 * or skipped (`chosen: null`), which carries no information and is not a vote. Identical outputs
 * are shown once: `sameAs[arm]` lists the arms whose output was exactly that shown arm's, and they
 * share its fate (a pick of the output credits every arm that produced it).
 */
export interface Comparison {
  shown: readonly ArmId[];
  chosen: ArmId | null;
  sameAs?: Readonly<Record<ArmId, readonly ArmId[]>>;
}

/** The arms behind one shown output: the shown arm and those that produced the identical output. */
export function producersOf(comparison: Comparison, arm: ArmId): ArmId[] {
  const same = comparison.sameAs?.[arm] ?? [];
  return [...new Set([arm, ...same.filter((other) => !comparison.shown.includes(other))])];
}

/**
 * A vote as weighted Luce choice events. Without ties it is one event: the pick among `shown`. An
 * output several arms gave stands for each of them equally: the vote is spread over every way of
 * taking one producing arm per shown output, each way a pick among those arms with weight
 * 1 / (product of the outputs' producer counts). The weights sum to 1, so a vote is still one
 * choice's worth of evidence, credited to every arm that produced the picked output (the expected
 * evidence of drawing one arm at random to stand for each output, without the draw's noise).
 */
export function choiceEvents(
  comparison: Comparison & { chosen: ArmId },
): { chosen: ArmId; among: ArmId[]; weight: number }[] {
  const chosenAt = comparison.shown.indexOf(comparison.chosen);
  let ways: { arms: ArmId[]; weight: number }[] = [{ arms: [], weight: 1 }];
  for (const arm of comparison.shown) {
    const producers = producersOf(comparison, arm);
    ways = ways.flatMap((way) =>
      producers.map((producer) => ({ arms: [...way.arms, producer], weight: way.weight / producers.length })),
    );
  }
  return ways.map((way) => ({
    chosen: way.arms[chosenAt] as ArmId,
    among: [...new Set(way.arms)],
    weight: way.weight,
  }));
}

/**
 * Per-arm counts under the seed's reading: the pick wins, every other shown arm loses; every arm
 * that produced the picked output wins, every arm behind another shown output loses.
 */
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
    const winners = new Set(producersOf(comparison, comparison.chosen));
    const exposed = new Set(comparison.shown.flatMap((arm) => producersOf(comparison, arm)));
    for (const arm of exposed) {
      const i = index.get(arm);
      const tally = i === undefined ? undefined : tallies[i];
      if (!tally) continue;
      tally.shown += 1;
      if (winners.has(arm)) tally.wins += 1;
      else tally.losses += 1;
    }
  }
  return tallies;
}
