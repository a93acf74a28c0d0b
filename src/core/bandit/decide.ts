import { DAY_MS } from '../clock';
import type { ArmPosterior } from './armPosteriors';
import { armPosteriors } from './armPosteriors';
import type { BanditSettings } from './banditSettings';
import type { ArmId, ArmTally, Comparison } from './comparison';
import { armTallies, votesCount } from './comparison';
import type { ArmPrior } from './fitChoiceModel';
import { probabilityBest } from './probabilityBest';

export type StopRule = 'confidence' | 'sequential' | 'max-votes' | 'max-duration';

/** The end of an A/B test. `winner: null` means "no difference": keep the control. */
export interface Decision {
  winner: ArmId | null;
  /** One human sentence, e.g. "A is best with P(best) 0.97 after 25 votes." */
  reason: string;
  votes: number;
  rule: StopRule;
  /** P(best) per arm, aligned with the input arms. */
  probabilityBest: number[];
}

export interface DecideInput {
  arms: readonly ArmId[];
  comparisons: readonly Comparison[];
  control: ArmId;
  startedAt: Date;
  now: Date;
  settings: BanditSettings;
  priors?: Partial<Record<ArmId, ArmPrior>>;
  /**
   * Measured accuracy per arm, 0–1 (e.g. the breeder's final evaluation). When every arm has one, a
   * forced stop ranks arms by the seed's wins × accuracy, and the min-improvement guard compares
   * these; otherwise the guard compares pick rates when shown, (1 + wins) / (2 + shown).
   */
  accuracy?: Partial<Record<ArmId, number>>;
}

/**
 * Applies the stop rules to the votes so far; `null` means keep testing. In order: from `minVotes`,
 * every `checkInterval` votes, the leader wins if its exact P(best) > `confidence`; from
 * `sequentialMinVotes`, a lead in wins ≥ factor·√maxVotes wins; at `maxVotes` or `maxDurationDays`
 * the best posterior mean wins unless its P(best) < `noDifferenceBelow` ("no difference").
 * A variant that wins must still beat the control's estimated accuracy by `minAccuracyImprovement`.
 * No winner is ever named before `minVotes` votes.
 */
export function decide(input: DecideInput): Decision | null {
  const { arms, comparisons, settings } = input;
  if (arms.length === 0) return null;
  const votes = votesCount(comparisons);
  const timeUp = input.now.getTime() - input.startedAt.getTime() >= settings.maxDurationDays * DAY_MS;
  if (votes < settings.minVotes) {
    if (!timeUp) return null;
    return {
      winner: null,
      reason: `Closed after ${settings.maxDurationDays} days with ${votes} of the ${settings.minVotes} votes needed; keeping ${input.control}.`,
      votes,
      rule: 'max-duration',
      probabilityBest: arms.map(() => 1 / arms.length),
    };
  }
  const tallies = armTallies(arms, comparisons);
  let cached: { posteriors: ArmPosterior[]; best: number[] } | undefined;
  const posterior = () => {
    if (!cached) {
      const posteriors = armPosteriors(arms, comparisons, settings, input.priors);
      cached = { posteriors, best: probabilityBest(posteriors) };
    }
    return cached;
  };
  const conclude = (candidate: number, rule: StopRule, why: string): Decision =>
    guard(input, tallies, posterior().best, votes, candidate, rule, why);
  const controlIndex = arms.indexOf(input.control);
  /** P(arm beats the control); 1 for the control itself or without a control arm. */
  const beatsControl = (i: number): number => {
    if (i === controlIndex || controlIndex < 0) return 1;
    const { posteriors } = posterior();
    return probabilityBest([
      posteriors[i] as ArmPosterior,
      posteriors[controlIndex] as ArmPosterior,
    ])[0] as number;
  };

  if ((votes - settings.minVotes) % settings.checkInterval === 0) {
    const { best } = posterior();
    const leader = argmax(best);
    const p = best[leader] as number;
    if (p > settings.confidence && beatsControl(leader) >= settings.beatControl) {
      return conclude(leader, 'confidence', `${arms[leader]} is best with P(best) ${formatP(p)}`);
    }
  }
  if (votes >= settings.sequentialMinVotes && arms.length >= 2) {
    const order = tallies.map((_, i) => i).sort((a, b) => winsOf(tallies, b) - winsOf(tallies, a));
    const [first, second] = order as [number, number];
    const lead = winsOf(tallies, first) - winsOf(tallies, second);
    const boundary = settings.sequentialBoundaryFactor * Math.sqrt(settings.maxVotes);
    if (lead >= boundary && beatsControl(first) >= settings.beatControl) {
      return conclude(
        first,
        'sequential',
        `${arms[first]} leads by ${lead} picks (boundary ${boundary.toFixed(1)})`,
      );
    }
  }
  const forced: StopRule | null = votes >= settings.maxVotes ? 'max-votes' : timeUp ? 'max-duration' : null;
  if (forced === null) return null;
  const { posteriors, best } = posterior();
  const accuracy = input.accuracy;
  const score = arms.every((arm) => accuracy?.[arm] !== undefined)
    ? tallies.map((tally) => tally.wins * (accuracy?.[tally.arm] as number))
    : posteriors.map((p) => p.mean);
  const leader = argmax(score);
  const p = best[leader] as number;
  if (p < settings.noDifferenceBelow) {
    return {
      winner: null,
      reason: `No clear difference after ${votes} votes: ${arms[leader]} leads with P(best) only ${formatP(p)}; keeping ${input.control}.`,
      votes,
      rule: forced,
      probabilityBest: best,
    };
  }
  const beat = beatsControl(leader);
  if (beat < settings.beatControl) {
    return {
      winner: null,
      reason: `No clear winner after ${votes} votes: ${arms[leader]} leads, but beats ${input.control} with P only ${formatP(beat)}; keeping ${input.control}.`,
      votes,
      rule: forced,
      probabilityBest: best,
    };
  }
  return conclude(leader, forced, `${arms[leader]} is ahead with P(best) ${formatP(p)}`);
}

function guard(
  input: DecideInput,
  tallies: readonly ArmTally[],
  best: number[],
  votes: number,
  candidate: number,
  rule: StopRule,
  why: string,
): Decision {
  const arm = input.arms[candidate] as ArmId;
  const controlIndex = input.arms.indexOf(input.control);
  if (arm === input.control || controlIndex < 0) {
    return { winner: arm, reason: `${why} after ${votes} votes.`, votes, rule, probabilityBest: best };
  }
  const measured = input.accuracy;
  const bothMeasured = measured?.[arm] !== undefined && measured[input.control] !== undefined;
  const estimate = (i: number) => {
    const tally = tallies[i] as ArmTally;
    return bothMeasured ? (measured?.[tally.arm] as number) : (1 + tally.wins) / (2 + tally.shown);
  };
  const gain = estimate(candidate) - estimate(controlIndex);
  // A hair of tolerance so that 0.85 − 0.80 counts as the 0.05 it is meant to be.
  if (gain + 1e-9 < input.settings.minAccuracyImprovement) {
    const what = bothMeasured ? 'accuracy' : 'pick rate';
    return {
      winner: null,
      reason: `${why} after ${votes} votes, but its ${what} ${estimate(candidate).toFixed(2)} beats ${input.control}'s ${estimate(controlIndex).toFixed(2)} by less than ${input.settings.minAccuracyImprovement}; keeping ${input.control}.`,
      votes,
      rule,
      probabilityBest: best,
    };
  }
  return { winner: arm, reason: `${why} after ${votes} votes.`, votes, rule, probabilityBest: best };
}

function winsOf(tallies: readonly ArmTally[], i: number): number {
  return tallies[i]?.wins ?? 0;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Two decimals, never rounding up to a certainty the data do not give. */
export function formatP(p: number): string {
  return p >= 0.995 ? '> 0.99' : (Math.floor(p * 100) / 100).toFixed(2);
}
