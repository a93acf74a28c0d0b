import { describe, expect, it } from 'vitest';
import { armPosteriors } from '../../../src/core/bandit/armPosteriors';
import type { Comparison } from '../../../src/core/bandit/comparison';
import { armTallies, choiceEvents, votesCount } from '../../../src/core/bandit/comparison';
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

  describe('ties: one output that several arms gave, shown once', () => {
    const tied: Comparison = { shown: ['A', 'B'], chosen: 'A', sameAs: { A: ['original'] } };

    it('credits every arm that produced the picked output and charges every arm behind the other', () => {
      expect(armTallies(ARMS, [tied])).toEqual([
        { arm: 'original', wins: 1, losses: 0, shown: 1 },
        { arm: 'A', wins: 1, losses: 0, shown: 1 },
        { arm: 'B', wins: 0, losses: 1, shown: 1 },
      ]);
      const lost: Comparison = { ...tied, chosen: 'B' };
      expect(armTallies(ARMS, [lost]).map((t) => [t.wins, t.losses])).toEqual([
        [0, 1],
        [0, 1],
        [1, 0],
      ]);
      expect(votesCount([tied, lost])).toBe(2);
    });

    it('spreads the vote over one arm per output, tied arms never competing with each other', () => {
      expect(choiceEvents({ ...tied, chosen: 'A' })).toEqual([
        { chosen: 'A', among: ['A', 'B'], weight: 0.5 },
        { chosen: 'original', among: ['original', 'B'], weight: 0.5 },
      ]);
      expect(choiceEvents({ ...tied, chosen: 'B' })).toEqual([
        { chosen: 'B', among: ['A', 'B'], weight: 0.5 },
        { chosen: 'B', among: ['original', 'B'], weight: 0.5 },
      ]);
      expect(choiceEvents({ shown: ['A', 'B'], chosen: 'B' })).toEqual([
        { chosen: 'B', among: ['A', 'B'], weight: 1 },
      ]);
    });

    it('counts a tied vote as one choice in the Luce model: a pick of the other output is not two', () => {
      // B beats the A/original output 6 times in 10: B must lead, and the twins stay level.
      const votes: Comparison[] = Array.from({ length: 10 }, (_, i) => ({
        ...tied,
        chosen: i < 6 ? 'B' : 'A',
      }));
      const [original, a, b] = armPosteriors(ARMS, votes, { model: 'choice' });
      expect(b?.mean).toBeGreaterThan(a?.mean as number);
      expect(original?.mean).toBeCloseTo(a?.mean as number, 9);
      // The same as 10 plain votes of B against one arm standing for both.
      const plain = armPosteriors(
        ['A', 'B'],
        votes.map(({ chosen }) => ({ shown: ['A', 'B'], chosen })),
        { model: 'choice' },
      );
      expect(b?.kind === 'gamma' ? b.shape : 0).toBe(plain[1]?.kind === 'gamma' ? plain[1].shape : 0);
    });

    it('gives two arms that always tie the same posterior, whichever of them stood for the output', () => {
      const votes: Comparison[] = Array.from({ length: 12 }, (_, i) => {
        const stands = i % 2 === 0 ? 'A' : 'original';
        const other = stands === 'A' ? 'original' : 'A';
        return { shown: [stands, 'B'], chosen: i % 3 === 0 ? 'B' : stands, sameAs: { [stands]: [other] } };
      });
      for (const model of ['beta', 'choice'] as const) {
        const [original, a, b] = armPosteriors(ARMS, votes, { model });
        expect(original?.mean).toBeCloseTo(a?.mean as number, 9);
        expect(a?.mean).toBeGreaterThan(b?.mean as number);
      }
      // Crediting only the arm that stood for the output halves each twin's evidence.
      const [original, a] = armPosteriors(
        ARMS,
        votes.map(({ shown, chosen }) => ({ shown, chosen })),
        { model: 'beta' },
      );
      expect(original?.wins).toBe(4);
      expect(a?.wins).toBe(4);
      const [fullOriginal] = armPosteriors(ARMS, votes, { model: 'beta' });
      expect(fullOriginal?.wins).toBe(8);
    });

    it('ignores a sameAs arm that was itself shown (it had its own option)', () => {
      const odd: Comparison = { shown: ['A', 'B'], chosen: 'A', sameAs: { A: ['B'] } };
      expect(armTallies(ARMS, [odd]).map((t) => [t.wins, t.losses])).toEqual([
        [0, 0],
        [1, 0],
        [0, 1],
      ]);
    });
  });
});
