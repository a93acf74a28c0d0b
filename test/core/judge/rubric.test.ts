import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  judgeAnswerJsonSchema,
  judgeAnswerSchema,
  passesRubric,
  type RubricScores,
  rubricDimensions,
  rubricWeightPercents,
  uniquelyBest,
  weightedScore,
} from '../../../src/core/judge/rubric';

const all = (value: number): RubricScores =>
  Object.fromEntries(rubricDimensions.map((d) => [d, value])) as RubricScores;
const only = (dimension: (typeof rubricDimensions)[number], value: number): RubricScores => ({
  ...all(0),
  [dimension]: value,
});

describe('weightedScore', () => {
  it('uses the seed weights: grammar .15, relevance .30, specificity .25, clarity .20, consistency .10', () => {
    expect(weightedScore(only('grammar', 10))).toBe(15);
    expect(weightedScore(only('relevance', 10))).toBe(30);
    expect(weightedScore(only('specificity', 10))).toBe(25);
    expect(weightedScore(only('clarity', 10))).toBe(20);
    expect(weightedScore(only('consistency', 10))).toBe(10);
    expect(Object.values(rubricWeightPercents).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('maps the 0–10 scale to 0–100 (×10)', () => {
    expect(weightedScore(all(0))).toBe(0);
    expect(weightedScore(all(7))).toBe(70);
    expect(weightedScore(all(10))).toBe(100);
    expect(weightedScore({ grammar: 8, relevance: 9, specificity: 6, clarity: 7, consistency: 5 })).toBe(73); // 12 + 27 + 15 + 14 + 5
  });

  it('stays in 0–100 and never falls when one dimension rises', () => {
    const score = fc.integer({ min: 0, max: 10 });
    const scores = fc.record(
      Object.fromEntries(rubricDimensions.map((d) => [d, score])) as Record<
        (typeof rubricDimensions)[number],
        fc.Arbitrary<number>
      >,
    );
    fc.assert(
      fc.property(scores, fc.constantFrom(...rubricDimensions), (s, d) => {
        const base = weightedScore(s);
        expect(base).toBeGreaterThanOrEqual(0);
        expect(base).toBeLessThanOrEqual(100);
        if (s[d] < 10) expect(weightedScore({ ...s, [d]: s[d] + 1 })).toBeGreaterThan(base);
      }),
    );
  });

  it('refuses scores off the 0–10 integer scale', () => {
    expect(() => weightedScore(only('clarity', 11))).toThrow(/clarity must be an integer 0–10, got 11/);
    expect(() => weightedScore(only('grammar', 7.5))).toThrow(RangeError);
    expect(() => weightedScore(only('grammar', -1))).toThrow(RangeError);
  });
});

describe('thresholds', () => {
  it('rejects below reject_below (70 by default) and keeps 70 itself', () => {
    expect(passesRubric(69.9)).toBe(false);
    expect(passesRubric(70)).toBe(true);
    expect(passesRubric(75, 80)).toBe(false);
  });

  it('auto-promotes only a unique best at or above auto_promote_at (90 by default)', () => {
    expect(uniquelyBest([{ score: 91 }, { score: 85 }])).toEqual({ score: 91 });
    expect(uniquelyBest([{ score: 91 }, { score: 91 }, { score: 70 }])).toBeNull();
    expect(uniquelyBest([{ score: 89.9 }, { score: 70 }])).toBeNull();
    expect(uniquelyBest([{ score: 90 }])).toEqual({ score: 90 });
    expect(uniquelyBest([{ score: 95 }, { score: 80 }], 96)).toBeNull();
    expect(uniquelyBest([])).toBeNull();
  });
});

describe('the judge answer', () => {
  it('accepts integer scores 0–10 and cuts a long reason instead of failing', () => {
    const parsed = judgeAnswerSchema.parse({ ...all(8), reason: ` ${'x'.repeat(500)} ` });
    expect(parsed.reason).toHaveLength(160);
  });

  it('refuses scores out of range, fractional or missing', () => {
    expect(judgeAnswerSchema.safeParse({ ...all(8), clarity: 11, reason: '' }).success).toBe(false);
    expect(judgeAnswerSchema.safeParse({ ...all(8), clarity: 7.5, reason: '' }).success).toBe(false);
    const { clarity: _dropped, ...missing } = { ...all(8), reason: '' };
    expect(judgeAnswerSchema.safeParse(missing).success).toBe(false);
  });

  it('has a JSON schema with the same keys, the reason first, each score an enum 0..10', () => {
    const properties = judgeAnswerJsonSchema.properties as Record<string, { enum?: number[] }>;
    expect(Object.keys(properties)).toEqual(['reason', ...rubricDimensions]);
    for (const d of rubricDimensions) expect(properties[d]?.enum).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
