import type { ArmId, Comparison } from './comparison';
import { choiceEvents, isVote } from './comparison';

/** Pseudo-votes an arm starts with, e.g. from offline replay scores. */
export interface ArmPrior {
  wins: number;
  losses: number;
}

/** Independent Gamma(shape, rate) posterior on each arm's Luce weight, aligned with the arms. */
export interface ChoiceFit {
  shape: number[];
  rate: number[];
}

const MAX_SWEEPS = 500;
const TOLERANCE = 1e-10;

/**
 * Mean-field variational posterior of a Luce choice model: P(pick i | shown S) = λ_i / Σ_{j∈S} λ_j,
 * λ_i ~ Gamma(1, 1) a priori. Each vote gets a latent z ~ Exp(Σ_S λ) (the Gamma augmentation of
 * Caron & Doucet 2012), which makes the update closed-form:
 *   q(λ_i) = Gamma(1 + wins_i, 1 + Σ_{votes showing i} 1 / Σ_{j∈S} E[λ_j]).
 * When every vote shows every arm the rates are equal, so the argmax of the Gammas is distributed
 * exactly as under the Dirichlet(1 + picks) posterior and P(best) is exact, not approximate.
 * A prior (w, l) is w + l virtual votes against a reference arm of weight 1. A vote on outputs that
 * several arms gave is spread over weighted events (see `choiceEvents`), so wins may be fractional.
 */
export function fitChoiceModel(
  arms: readonly ArmId[],
  comparisons: readonly Comparison[],
  priors: Partial<Record<ArmId, ArmPrior>> = {},
): ChoiceFit {
  const index = new Map(arms.map((arm, i) => [arm, i]));
  const groups = new Map<string, { members: number[]; count: number }>();
  const wins = arms.map(() => 0);
  for (const comparison of comparisons) {
    if (!isVote(comparison)) continue;
    for (const event of choiceEvents(comparison)) {
      const chosen = index.get(event.chosen);
      if (chosen !== undefined) wins[chosen] = (wins[chosen] as number) + event.weight;
      const members = event.among
        .map((arm) => index.get(arm))
        .filter((i): i is number => i !== undefined)
        .sort((a, b) => a - b);
      if (members.length === 0) continue;
      const key = members.join(',');
      const group = groups.get(key);
      if (group) group.count += event.weight;
      else groups.set(key, { members, count: event.weight });
    }
  }
  const priorOf = arms.map((arm) => priors[arm] ?? { wins: 0, losses: 0 });
  const shape = arms.map((_, i) => 1 + (wins[i] as number) + (priorOf[i]?.wins ?? 0));
  const rate = arms.map(() => 1);
  const mean = shape.slice();
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    rate.fill(1);
    for (const { members, count } of groups.values()) {
      let total = 0;
      for (const i of members) total += mean[i] as number;
      for (const i of members) rate[i] = (rate[i] as number) + count / total;
    }
    let change = 0;
    for (let i = 0; i < arms.length; i++) {
      const prior = priorOf[i] as ArmPrior;
      const virtual = prior.wins + prior.losses;
      if (virtual > 0) rate[i] = (rate[i] as number) + virtual / ((mean[i] as number) + 1);
      const next = (shape[i] as number) / (rate[i] as number);
      change = Math.max(change, Math.abs(next - (mean[i] as number)) / next);
      mean[i] = next;
    }
    if (change < TOLERANCE) break;
  }
  return { shape, rate };
}
