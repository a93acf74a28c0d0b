import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseArmsToShow } from '../../../src/core/bandit/chooseArmsToShow';
import type { Comparison } from '../../../src/core/bandit/comparison';
import { seededRng } from '../../../src/core/rng';

const ARMS = ['original', 'A', 'B', 'C', 'D'];
const allocations = ['thompson', 'top-two', 'uniform'] as const;

describe('chooseArmsToShow', () => {
  it('returns at most showCount distinct known arms, for any history and seed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ shown: fc.shuffledSubarray(ARMS, { minLength: 2, maxLength: 3 }), pick: fc.nat() }),
          {
            maxLength: 40,
          },
        ),
        fc.constantFrom(...allocations),
        fc.constantFrom('beta' as const, 'choice' as const),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (votes, allocation, model, showCount, seed) => {
          const comparisons = votes.map(({ shown, pick }) => ({
            shown,
            chosen: shown[pick % shown.length] ?? null,
          }));
          const shown = chooseArmsToShow(
            ARMS,
            comparisons,
            { allocation, model, showCount },
            seededRng(seed),
          );
          expect(shown).toHaveLength(Math.min(showCount, ARMS.length));
          expect(new Set(shown).size).toBe(shown.length);
          for (const arm of shown) expect(ARMS).toContain(arm);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('shows every arm when they all fit', () => {
    const shown = chooseArmsToShow(
      ['original', 'A', 'B'],
      [],
      { allocation: 'thompson', model: 'beta', showCount: 3 },
      seededRng(1),
    );
    expect([...shown].sort()).toEqual(['A', 'B', 'original']);
  });

  it('replays exactly from a seed', () => {
    for (const allocation of allocations) {
      const settings = { allocation, model: 'choice' as const, showCount: 3 };
      const draw = () => {
        const rng = seededRng(99);
        return Array.from({ length: 30 }, () => chooseArmsToShow(ARMS, [], settings, rng).join());
      };
      expect(draw()).toEqual(draw());
    }
  });

  it('keeps the clear leader in view under Thompson and top-two, but not under uniform', () => {
    const history: Comparison[] = Array.from({ length: 40 }, () => ({ shown: ['A', 'B', 'C'], chosen: 'A' }));
    const rate = (allocation: (typeof allocations)[number]) => {
      const rng = seededRng(3);
      let withA = 0;
      for (let i = 0; i < 400; i++) {
        const settings = { allocation, model: 'choice' as const, showCount: 2 };
        if (chooseArmsToShow(ARMS, history, settings, rng).includes('A')) withA += 1;
      }
      return withA / 400;
    };
    expect(rate('thompson')).toBeGreaterThan(0.9);
    expect(rate('top-two')).toBeGreaterThan(0.9);
    expect(rate('uniform')).toBeLessThan(0.6);
  });
});
