import { logGamma } from './logGamma';

const MAX_ITERATIONS = 10_000;
const EPSILON = 1e-15;
const TINY = 1e-300;

/**
 * P(a, x), the Gamma(shape a, rate 1) CDF at x: series below a + 1, Lentz continued fraction above
 * (Numerical Recipes §6.2), prefactor in logs.
 */
export function regularizedGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  return regularizedGammaLog(a, x, Math.log(x));
}

/** P(a, x) given ln x as well, for callers on a log grid. */
export function regularizedGammaLog(a: number, x: number, logX: number): number {
  if (x <= 0) return 0;
  const logFront = a * logX - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return Math.min(1, sum * Math.exp(logFront));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.max(0, 1 - Math.exp(logFront) * h);
}
