import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArmPosterior } from '../../../src/core/bandit/armPosteriors';
import { armPosteriors } from '../../../src/core/bandit/armPosteriors';
import { chooseArmsToShow } from '../../../src/core/bandit/chooseArmsToShow';
import type { Comparison } from '../../../src/core/bandit/comparison';
import { logBeta } from '../../../src/core/bandit/logGamma';
import { probabilityBest } from '../../../src/core/bandit/probabilityBest';
import { regularizedBeta } from '../../../src/core/bandit/regularizedBeta';
import { sampleGamma } from '../../../src/core/bandit/sampleGamma';
import { seededRng } from '../../../src/core/rng';

const beta = (alpha: number, b: number): ArmPosterior => ({
  arm: 'x',
  wins: 0,
  losses: 0,
  shown: 0,
  kind: 'beta',
  alpha,
  beta: b,
  mean: alpha / (alpha + b),
});
const gamma = (shape: number, rate: number): ArmPosterior => ({
  arm: 'x',
  wins: 0,
  losses: 0,
  shown: 0,
  kind: 'gamma',
  shape,
  rate,
  mean: 0,
});

/** P(X > Y) for X ~ Beta(a1, b1), Y ~ Beta(a2, b2), a2 an integer (Evan Miller's closed form). */
function betaBeatsBeta(a1: number, b1: number, a2: number, b2: number): number {
  let sum = 0;
  for (let i = 0; i < a1; i++) {
    sum += Math.exp(logBeta(a2 + i, b1 + b2) - Math.log(b1 + i) - logBeta(1 + i, b1) - logBeta(a2, b2));
  }
  return sum;
}

const ARMS = ['original', 'A', 'B', 'C'];
const votesArb = fc.array(
  fc.record({
    shown: fc.shuffledSubarray(ARMS, { minLength: 2, maxLength: 3 }),
    pick: fc.nat(),
    skip: fc.boolean(),
  }),
  { maxLength: 60 },
);
const toComparisons = (votes: { shown: string[]; pick: number; skip: boolean }[]): Comparison[] =>
  votes.map(({ shown, pick, skip }) => ({
    shown,
    chosen: skip ? null : (shown[pick % shown.length] as string),
  }));

describe('probabilityBest', () => {
  it('matches the closed form for two Beta arms, including large counts', () => {
    for (const [a1, b1, a2, b2] of [
      [8, 9, 5, 12],
      [26, 26, 16, 36],
      [1, 1, 3, 50],
      [3, 1, 1, 3],
      [1000, 2000, 990, 2010],
    ] as const) {
      const [p] = probabilityBest([beta(a1, b1), beta(a2, b2)]);
      expect(p).toBeCloseTo(betaBeatsBeta(a1, b1, a2, b2), 9);
    }
  });

  it('matches the closed form for two Gamma arms: P(X > Y) = 1 − I_½(a, b)', () => {
    for (const [a, b] of [
      [5, 3],
      [30, 20],
      [3000, 2900],
      [1, 10],
      [7.5, 7.5],
    ] as const) {
      const [p] = probabilityBest([gamma(a, 2), gamma(b, 2)]);
      expect(p).toBeCloseTo(1 - regularizedBeta(0.5, a, b), 9);
    }
  });

  it('agrees with a large seeded Monte Carlo for a 4-arm Gamma posterior', () => {
    const shapes = [9, 7, 4, 6];
    const rates = [2, 1.5, 1, 1.8];
    const exact = probabilityBest(shapes.map((s, i) => gamma(s, rates[i] as number)));
    const rng = seededRng(42);
    const counts = [0, 0, 0, 0];
    const draws = 200_000;
    for (let n = 0; n < draws; n++) {
      const values = shapes.map((s, i) => sampleGamma(s, rng) / (rates[i] as number));
      const best = values.indexOf(Math.max(...values));
      counts[best] = (counts[best] as number) + 1;
    }
    exact.forEach((p, i) => {
      expect(Math.abs(p - (counts[i] as number) / draws)).toBeLessThan(0.005);
    });
  });

  it('stays finite and decisive with thousands of votes', () => {
    const p = probabilityBest([beta(5001, 5001), beta(4501, 5501), beta(4001, 6001)]);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[0]).toBeGreaterThan(0.999999);
  });

  it('is in [0, 1] and sums to 1 for any votes, both models', () => {
    fc.assert(
      fc.property(votesArb, fc.constantFrom('beta' as const, 'choice' as const), (votes, model) => {
        const p = probabilityBest(armPosteriors(ARMS, toComparisons(votes), { model }));
        expect(p).toHaveLength(ARMS.length);
        for (const x of p) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
        expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lowers an arm’s P(best) when that arm wins one more vote, both models', () => {
    fc.assert(
      fc.property(
        votesArb,
        fc.constantFrom('beta' as const, 'choice' as const),
        fc.constantFrom(...ARMS),
        fc.shuffledSubarray(ARMS, { minLength: 1, maxLength: 2 }),
        (votes, model, winner, others) => {
          const comparisons = toComparisons(votes);
          const shown = [winner, ...others.filter((arm) => arm !== winner)];
          fc.pre(shown.length >= 2);
          const i = ARMS.indexOf(winner);
          const before = probabilityBest(armPosteriors(ARMS, comparisons, { model }))[i] as number;
          const more = [...comparisons, { shown, chosen: winner }];
          const after = probabilityBest(armPosteriors(ARMS, more, { model }))[i] as number;
          expect(after).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('handles the degenerate sizes', () => {
    expect(probabilityBest([])).toEqual([]);
    expect(probabilityBest([beta(3, 4)])).toEqual([1]);
    expect(() => probabilityBest([beta(1, 1), gamma(1, 1)])).toThrow(/mix/);
  });

  it('gives a seeded allocation the same arms on replay', () => {
    const settings = { allocation: 'top-two' as const, model: 'choice' as const, showCount: 3 };
    const run = () => {
      const rng = seededRng(7);
      return Array.from({ length: 20 }, () => chooseArmsToShow(ARMS, [], settings, rng));
    };
    expect(run()).toEqual(run());
  });
});
