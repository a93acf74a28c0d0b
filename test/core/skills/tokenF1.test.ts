import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  f1FromCounts,
  matchF1,
  textF1,
  tokenF1,
  tokenize,
  weightedMean,
} from '../../../src/core/skills/tokenF1';

describe('tokenize', () => {
  it('splits camelCase, snake_case, kebab-case and punctuation into lowercase words', () => {
    expect(tokenize('IMG_0193 formatBytes acme-invoice.PDF')).toEqual([
      'img',
      '0193',
      'format',
      'bytes',
      'acme',
      'invoice',
      'pdf',
    ]);
  });

  it('keeps accented letters inside words', () => {
    expect(tokenize('Dom Luís I')).toEqual(['dom', 'luís', 'i']);
  });
});

describe('tokenF1', () => {
  it('is 1 for the same tokens in any order and 0 for disjoint ones', () => {
    expect(tokenF1(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(1);
    expect(tokenF1(['a'], ['b'])).toBe(0);
  });

  it('counts repeated tokens as a multiset', () => {
    // predicted a,a vs reference a: precision 1/2, recall 1 → F1 2/3
    expect(tokenF1(['a', 'a'], ['a'])).toBeCloseTo(2 / 3, 10);
  });

  it('treats two empty sides as agreement and one empty side as failure', () => {
    expect(tokenF1([], [])).toBe(1);
    expect(tokenF1([], ['a'])).toBe(0);
    expect(tokenF1(['a'], [])).toBe(0);
  });

  it('is symmetric, bounded in [0, 1], and 1 against itself', () => {
    const tokens = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 8 });
    fc.assert(
      fc.property(tokens, tokens, (p, r) => {
        const score = tokenF1(p, r);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score).toBeCloseTo(tokenF1(r, p), 12);
        expect(tokenF1(p, p)).toBe(1);
      }),
    );
  });

  it('textF1 compares free texts word by word', () => {
    expect(textF1('Dr. Patel', 'dr patel')).toBe(1);
  });
});

describe('f1FromCounts', () => {
  it('is the harmonic mean of precision and recall', () => {
    // precision 2/4, recall 2/2 → 2·0.5·1/1.5
    expect(f1FromCounts(2, 4, 2)).toBeCloseTo(2 / 3, 10);
  });
});

describe('matchF1', () => {
  const exact = (p: number, r: number) => (p === r ? 1 : 0);

  it('matches one-to-one, so a duplicate prediction costs precision', () => {
    expect(matchF1([1, 1], [1], exact)).toBeCloseTo(2 / 3, 10);
  });

  it('uses the best pairs first', () => {
    const similarity = (p: string, r: string) => (p === r ? 1 : p[0] === r[0] ? 0.5 : 0);
    // "ab" should pair with "ab" (1), not with "ax" (0.5), leaving "ax"–"ay" at 0.5
    expect(matchF1(['ax', 'ab'], ['ab', 'ay'], similarity)).toBeCloseTo(0.75, 10);
  });

  it('stays in [0, 1] for any similarity in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }),
        (p, r) => {
          const score = matchF1(p, r, (a, b) => 1 / (1 + Math.abs(a - b)));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('weightedMean', () => {
  it('renormalises over the components that apply', () => {
    expect(
      weightedMean([
        [0.5, 1],
        [0.3, undefined],
        [0.2, 0],
      ]),
    ).toBeCloseTo(0.5 / 0.7, 10);
  });

  it('is 0 when nothing applies', () => {
    expect(weightedMean([[1, undefined]])).toBe(0);
  });
});
