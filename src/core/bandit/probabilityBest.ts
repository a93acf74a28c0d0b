import type { ArmPosterior } from './armPosteriors';
import { logBeta, logGamma } from './logGamma';
import { regularizedBetaLog } from './regularizedBeta';
import { regularizedGammaLog } from './regularizedGamma';

/** Half-width of each arm's window in posterior standard deviations; tails beyond hold < 1e-7. */
const WINDOW_SDS = 16;
/** Grid step as a fraction of the narrowest relevant posterior's standard deviation. */
const STEPS_PER_SD = 2;
const MIN_NODES = 65;
const MAX_NODES = 8193;

interface Curve {
  center: number;
  sd: number;
  /** ln density and CDF on the unconstrained scale t (logit for Beta, log for Gamma). */
  at(t: number): { logDensity: number; cdf: number };
}

/**
 * P(arm i has the highest value) for every arm, aligned with `posteriors`, by exact 1-D quadrature
 * of ∫ f_i(t) Π_{j≠i} F_j(t) dt, not by sampling. Integration runs on the logit scale (Beta) or
 * the log scale (Gamma), where the densities are smooth and bell-shaped, with the trapezoid rule on a
 * uniform grid finer than the narrowest posterior: for such integrands it converges geometrically.
 * Densities are built in logs, so counts in the thousands neither overflow nor underflow.
 * Result sums to 1 (normalized to remove the < 1e-9 quadrature residue).
 */
export function probabilityBest(posteriors: readonly ArmPosterior[]): number[] {
  if (posteriors.length === 0) return [];
  if (posteriors.length === 1) return [1];
  const kinds = new Set(posteriors.map((p) => p.kind));
  if (kinds.size > 1) throw new Error('probabilityBest: posteriors mix Beta and Gamma models');
  const curves = posteriors.map(curveOf);
  const lo = Math.max(...curves.map((c) => c.center - WINDOW_SDS * c.sd));
  const hi = Math.max(...curves.map((c) => c.center + WINDOW_SDS * c.sd));
  const relevant = curves.filter((c) => c.center + WINDOW_SDS * c.sd > lo);
  const narrowest = Math.min(...relevant.map((c) => c.sd));
  const nodes = Math.min(
    MAX_NODES,
    Math.max(MIN_NODES, Math.ceil(((hi - lo) / narrowest) * STEPS_PER_SD) + 1),
  );
  const step = (hi - lo) / (nodes - 1);
  const density = curves.map(() => new Float64Array(nodes));
  const cdf = curves.map(() => new Float64Array(nodes).fill(1));
  curves.forEach((curve, k) => {
    if (curve.center + WINDOW_SDS * curve.sd <= lo) return;
    const densityK = density[k] as Float64Array;
    const cdfK = cdf[k] as Float64Array;
    for (let n = 0; n < nodes; n++) {
      const value = curve.at(lo + n * step);
      densityK[n] = Math.exp(value.logDensity);
      cdfK[n] = value.cdf;
    }
  });
  const raw = curves.map((_, i) => {
    const densityI = density[i] as Float64Array;
    let sum = 0;
    for (let n = 0; n < nodes; n++) {
      let term = densityI[n] as number;
      if (term === 0) continue;
      for (let j = 0; j < curves.length && term > 0; j++) {
        if (j !== i) term *= (cdf[j] as Float64Array)[n] as number;
      }
      sum += n === 0 || n === nodes - 1 ? term / 2 : term;
    }
    return sum * step;
  });
  const total = raw.reduce((sum, p) => sum + p, 0);
  if (!(total > 0) || !Number.isFinite(total)) return posteriors.map(() => 1 / posteriors.length);
  return raw.map((p) => p / total);
}

function curveOf(posterior: ArmPosterior): Curve {
  switch (posterior.kind) {
    case 'beta': {
      const { alpha, beta } = posterior;
      const logNorm = logBeta(alpha, beta);
      return {
        center: Math.log(alpha / beta),
        sd: Math.sqrt(1 / alpha + 1 / beta),
        at(t) {
          const logX = -softplus(-t);
          const log1mX = -softplus(t);
          return {
            logDensity: alpha * logX + beta * log1mX - logNorm,
            cdf: regularizedBetaLog(logX, log1mX, alpha, beta),
          };
        },
      };
    }
    case 'gamma': {
      const { shape, rate } = posterior;
      const logNorm = logGamma(shape) - shape * Math.log(rate);
      return {
        center: Math.log(shape / rate),
        sd: 1 / Math.sqrt(shape),
        at(t) {
          const scaled = rate * Math.exp(t);
          return {
            logDensity: shape * t - scaled - logNorm,
            cdf: regularizedGammaLog(shape, scaled, t + Math.log(rate)),
          };
        },
      };
    }
    default:
      return posterior satisfies never;
  }
}

/** ln(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
