import type { BanditSettings } from './banditSettings';
import type { ArmId, ArmTally, Comparison } from './comparison';
import { armTallies } from './comparison';
import type { ArmPrior } from './fitChoiceModel';
import { fitChoiceModel } from './fitChoiceModel';

/** Beta(alpha, beta) on the arm's win rate when shown (the seed's model). */
export interface BetaPosterior extends ArmTally {
  kind: 'beta';
  alpha: number;
  beta: number;
  /** Posterior mean win rate when shown, 0–1. */
  mean: number;
}

/** Gamma(shape, rate) on the arm's Luce weight (the choice model). */
export interface GammaPosterior extends ArmTally {
  kind: 'gamma';
  shape: number;
  rate: number;
  /** Estimated share of picks if every arm were shown, 0–1 (the arms' means sum to 1). */
  mean: number;
}

export type ArmPosterior = BetaPosterior | GammaPosterior;

/**
 * Posteriors derived from the stored votes (never from counters), aligned with `arms`.
 * @param priors optional pseudo-votes per arm; default none (uniform Beta(1, 1) / Gamma(1, 1)).
 */
export function armPosteriors(
  arms: readonly ArmId[],
  comparisons: readonly Comparison[],
  settings: Pick<BanditSettings, 'model'>,
  priors: Partial<Record<ArmId, ArmPrior>> = {},
): ArmPosterior[] {
  const tallies = armTallies(arms, comparisons);
  switch (settings.model) {
    case 'beta':
      return tallies.map((tally) => {
        const prior = priors[tally.arm] ?? { wins: 0, losses: 0 };
        const alpha = 1 + tally.wins + prior.wins;
        const beta = 1 + tally.losses + prior.losses;
        return { ...tally, kind: 'beta', alpha, beta, mean: alpha / (alpha + beta) };
      });
    case 'choice': {
      const { shape, rate } = fitChoiceModel(arms, comparisons, priors);
      const weights = shape.map((s, i) => s / (rate[i] as number));
      const total = weights.reduce((sum, w) => sum + w, 0);
      return tallies.map((tally, i) => ({
        ...tally,
        kind: 'gamma',
        shape: shape[i] as number,
        rate: rate[i] as number,
        mean: (weights[i] as number) / total,
      }));
    }
    default:
      return settings.model satisfies never;
  }
}
