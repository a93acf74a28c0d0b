import { describe, expect, it } from 'vitest';
import { bestArmLowerBound } from '../../../src/core/bandit/bestArmLowerBound';

describe('bestArmLowerBound', () => {
  it('matches the closed form when every arm is shown', () => {
    // Closest alternative ties the two best and leaves the rest: KL = w1 ln(2w1/(w1+w2)) + w2 ln(2w2/(w1+w2)).
    const [w1, w2] = [0.5, 0.3];
    const kl = w1 * Math.log((2 * w1) / (w1 + w2)) + w2 * Math.log((2 * w2) / (w1 + w2));
    const bound = bestArmLowerBound([0.5, 0.3, 0.2], 3, 0.05);
    expect(bound.characteristicTime).toBeCloseTo(1 / kl, 3);
    expect(bound.votes).toBeCloseTo((1 / kl) * 0.9 * Math.log(19), 2);
  });

  it('grows as the arms get closer', () => {
    const clear = bestArmLowerBound([0.5, 0.3, 0.2], 3).votes;
    const close = bestArmLowerBound([0.4, 0.35, 0.25], 3).votes;
    expect(close).toBeGreaterThan(10 * clear);
  });

  it('puts its optimal allocation on sets that contain the best arm when only 3 of 4 fit', () => {
    const bound = bestArmLowerBound([0.4, 0.25, 0.2, 0.15], 3);
    const withBest = bound.allocation.filter((a) => a.shown.includes(0)).reduce((s, a) => s + a.share, 0);
    expect(withBest).toBeGreaterThan(0.95);
  });
});
