import { describe, expect, it } from 'vitest';
import { armPosteriors } from '../../../src/core/bandit/armPosteriors';
import type { Comparison } from '../../../src/core/bandit/comparison';
import { votesCount } from '../../../src/core/bandit/comparison';
import { probabilityBest } from '../../../src/core/bandit/probabilityBest';

const ARMS = ['original', 'A', 'B'];
const votes: Comparison[] = [
  { shown: ['original', 'A', 'B'], chosen: 'A' },
  { shown: ['original', 'A'], chosen: 'original' },
  { shown: ['A', 'B'], chosen: 'A' },
  { shown: ['original', 'A', 'B'], chosen: null },
];

describe('armPosteriors', () => {
  it('counts votes, not skips', () => {
    expect(votesCount(votes)).toBe(3);
    expect(votesCount([{ shown: ['A', 'B'], chosen: 'C' }])).toBe(0);
  });

  it('derives the seed’s Beta(1 + wins, 1 + losses) from the votes', () => {
    const [original, a, b] = armPosteriors(ARMS, votes, { model: 'beta' });
    expect(original).toMatchObject({ wins: 1, losses: 1, shown: 2, alpha: 2, beta: 2 });
    expect(a).toMatchObject({ wins: 2, losses: 1, shown: 3, alpha: 3, beta: 2, mean: 0.6 });
    expect(b).toMatchObject({ wins: 0, losses: 2, shown: 2, alpha: 1, beta: 3 });
  });

  it('adds prior pseudo-votes', () => {
    const [, a] = armPosteriors(ARMS, votes, { model: 'beta' }, { A: { wins: 4, losses: 1 } });
    expect(a).toMatchObject({ alpha: 7, beta: 3 });
  });

  it('gives the choice model equal rates when every vote shows every arm (the exact Dirichlet case)', () => {
    const all: Comparison[] = [
      ...Array.from({ length: 6 }, () => ({ shown: ARMS, chosen: 'A' })),
      ...Array.from({ length: 3 }, () => ({ shown: ARMS, chosen: 'B' })),
    ];
    const posteriors = armPosteriors(ARMS, all, { model: 'choice' });
    const rates = posteriors.map((p) => (p.kind === 'gamma' ? p.rate : Number.NaN));
    expect(rates[0]).toBeCloseTo(rates[1] as number, 12);
    expect(rates[1]).toBeCloseTo(rates[2] as number, 12);
    expect(posteriors.map((p) => (p.kind === 'gamma' ? p.shape : 0))).toEqual([1, 7, 4]);
    expect(posteriors.reduce((s, p) => s + p.mean, 0)).toBeCloseTo(1, 12);
  });

  it('is less sure than independent Betas about the same all-shown votes', () => {
    const all: Comparison[] = [
      ...Array.from({ length: 9 }, () => ({ shown: ARMS, chosen: 'A' })),
      ...Array.from({ length: 4 }, () => ({ shown: ARMS, chosen: 'B' })),
      ...Array.from({ length: 2 }, () => ({ shown: ARMS, chosen: 'original' })),
    ];
    const beta = probabilityBest(armPosteriors(ARMS, all, { model: 'beta' }))[1] as number;
    const choice = probabilityBest(armPosteriors(ARMS, all, { model: 'choice' }))[1] as number;
    expect(choice).toBeLessThan(beta);
  });

  it('counts an arm that is rarely shown as less certain', () => {
    const uneven: Comparison[] = [
      ...Array.from({ length: 20 }, () => ({ shown: ['original', 'A'], chosen: 'original' })),
      ...Array.from({ length: 20 }, () => ({ shown: ['original', 'A'], chosen: 'A' })),
      { shown: ['original', 'B'], chosen: 'B' },
    ];
    const [original, a, b] = armPosteriors(ARMS, uneven, { model: 'choice' });
    if (original?.kind !== 'gamma' || a?.kind !== 'gamma' || b?.kind !== 'gamma') throw new Error('model');
    expect(1 / Math.sqrt(b.shape)).toBeGreaterThan(3 / Math.sqrt(a.shape));
    // A won 20 of 40 against the control; the control also lost its one vote against B.
    expect(a.mean).toBeGreaterThan(original.mean);
    expect(probabilityBest([original, a, b])[2]).toBeLessThan(0.7);
  });
});
