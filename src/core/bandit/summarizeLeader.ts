import { armPosteriors } from './armPosteriors';
import type { BanditSettings } from './banditSettings';
import type { ArmId, Comparison } from './comparison';
import { votesCount } from './comparison';
import { formatP } from './decide';
import type { ArmPrior } from './fitChoiceModel';
import { probabilityBest } from './probabilityBest';

export interface LeaderSummaryInput {
  arms: readonly ArmId[];
  comparisons: readonly Comparison[];
  settings: BanditSettings;
  priors?: Partial<Record<ArmId, ArmPrior>>;
}

/**
 * One sentence for the popover, e.g. "A is leading (P(best) 0.82); about 10 more votes to confirm."
 * The estimate assumes the leader's edge stays as it is, so the evidence z = Φ⁻¹(P(best)) grows like
 * √votes; it is a guide for the user, not a promise.
 */
export function summarizeLeader(input: LeaderSummaryInput): string {
  const { arms, settings } = input;
  const votes = votesCount(input.comparisons);
  if (votes === 0 || arms.length === 0) return 'No votes yet.';
  const best = probabilityBest(armPosteriors(arms, input.comparisons, settings, input.priors));
  let leader = 0;
  best.forEach((p, i) => {
    if (p > (best[leader] as number)) leader = i;
  });
  const p = best[leader] as number;
  const name = arms[leader] as ArmId;
  if (p > settings.confidence) return `${name} is best (P(best) ${formatP(p)}) after ${votes} votes.`;
  if (p < 1 / arms.length + 0.1) return `Too close to call after ${votes} votes.`;
  const remaining = Math.max(0, settings.maxVotes - votes);
  const z = inverseNormal(p);
  const needed = Math.max(
    settings.minVotes,
    Math.ceil(votes * (inverseNormal(settings.confidence) / z) ** 2),
  );
  const more = needed - votes;
  if (more > remaining) {
    return `${name} is leading (P(best) ${formatP(p)}) but may not be confirmed in the ${remaining} votes left.`;
  }
  return `${name} is leading (P(best) ${formatP(p)}); about ${Math.max(1, more)} more votes to confirm.`;
}

/** Φ⁻¹(p) for 0.5 < p < 1 by Acklam's rational approximation (relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const q = Math.min(p, 1 - 1e-12);
  if (q > 0.97575) {
    const r = Math.sqrt(-2 * Math.log(1 - q));
    return -(
      (((((-7.784894002430293e-3 * r - 3.223964580411365e-1) * r - 2.400758277161838) * r -
        2.549732539343734) *
        r +
        4.374664141464968) *
        r +
        2.938163982698783) /
      ((((7.784695709041462e-3 * r + 3.224671290700398e-1) * r + 2.445134137142996) * r + 3.754408661907416) *
        r +
        1)
    );
  }
  const s = q - 0.5;
  const r = s * s;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      s) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}
