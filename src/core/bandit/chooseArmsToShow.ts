import type { Rng } from '../rng';
import type { ArmPosterior } from './armPosteriors';
import { armPosteriors } from './armPosteriors';
import type { BanditSettings } from './banditSettings';
import type { ArmId, Comparison } from './comparison';
import type { ArmPrior } from './fitChoiceModel';
import { sampleBeta, sampleGamma } from './sampleGamma';

/** Fresh posterior draws a top-two challenger may take before the best unshown draw is used. */
const MAX_RESAMPLES = 64;

/**
 * The arms whose outputs the user sees next, at most `showCount`, all distinct, in random display
 * order. When every arm fits, every arm is shown: a pick among more outputs carries more information.
 * Otherwise `allocation` decides: `'thompson'` (the seed) shows the top draws of one posterior sample;
 * `'top-two'` shows the sample's argmax, then fills each further slot with the argmax of a fresh
 * sample that is not yet shown (Russo 2020, top-two Thompson sampling, extended to sets);
 * `'uniform'` shows a uniformly random subset.
 */
export function chooseArmsToShow(
  arms: readonly ArmId[],
  comparisons: readonly Comparison[],
  settings: Pick<BanditSettings, 'allocation' | 'model' | 'showCount'>,
  rng: Rng,
  priors: Partial<Record<ArmId, ArmPrior>> = {},
): ArmId[] {
  const distinct = [...new Set(arms)];
  const slots = Math.max(0, Math.min(Math.floor(settings.showCount), distinct.length));
  if (slots === distinct.length) return shuffle(distinct, rng);
  switch (settings.allocation) {
    case 'uniform':
      return shuffle(distinct, rng).slice(0, slots);
    case 'thompson': {
      const draws = drawAll(armPosteriors(distinct, comparisons, settings, priors), rng);
      const order = distinct.map((_, i) => i).sort((a, b) => (draws[b] as number) - (draws[a] as number));
      return shuffle(
        order.slice(0, slots).map((i) => distinct[i] as ArmId),
        rng,
      );
    }
    case 'top-two': {
      const posteriors = armPosteriors(distinct, comparisons, settings, priors);
      const chosen = new Set<number>();
      let draws = drawAll(posteriors, rng);
      chosen.add(argmax(draws, chosen));
      while (chosen.size < slots) {
        let next = -1;
        for (let attempt = 0; attempt < MAX_RESAMPLES && next < 0; attempt++) {
          draws = drawAll(posteriors, rng);
          const best = argmax(draws, new Set());
          if (!chosen.has(best)) next = best;
        }
        chosen.add(next >= 0 ? next : argmax(draws, chosen));
      }
      return shuffle(
        [...chosen].map((i) => distinct[i] as ArmId),
        rng,
      );
    }
    default:
      return settings.allocation satisfies never;
  }
}

/** One joint draw from the posteriors (each arm independent). */
export function drawAll(posteriors: readonly ArmPosterior[], rng: Rng): number[] {
  return posteriors.map((posterior) => {
    switch (posterior.kind) {
      case 'beta':
        return sampleBeta(posterior.alpha, posterior.beta, rng);
      case 'gamma':
        return sampleGamma(posterior.shape, rng) / posterior.rate;
      default:
        return posterior satisfies never;
    }
  });
}

function argmax(values: readonly number[], excluded: ReadonlySet<number>): number {
  let best = -1;
  values.forEach((value, i) => {
    if (!excluded.has(i) && (best < 0 || value > (values[best] as number))) best = i;
  });
  return best;
}

function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
