import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawPair, race, raceVerdict } from '../../../src/core/breeder/binaryTournament';
import type { BreedingExample } from '../../../src/core/breeder/breedingExamples';
import { finalEvaluation } from '../../../src/core/breeder/finalEvaluation';
import type { FitnessEvaluator } from '../../../src/core/breeder/fitnessEvaluator';
import { DEFAULT_EXAMPLE_POLICY } from '../../../src/core/examples/examplePolicy';
import { seededRng } from '../../../src/core/rng';
import type { Prompt } from '../../../src/core/runner/prompt';

const p = (template: string): Prompt => ({ template, examples: DEFAULT_EXAMPLE_POLICY });

const examples = (n: number): BreedingExample[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    input: {},
    kind: 'failure',
    reference: {},
    rejected: null,
    good: null,
  }));

/** Scores from a table; counts the "model calls" (first scoring of a pair). */
function tableEvaluator(table: Record<string, number[]>) {
  const known = new Map<string, number>();
  const ev: FitnessEvaluator & { calls: number } = {
    calls: 0,
    known: (t, e) => known.get(`${t.template}|${e.id}`),
    async score(t, e) {
      const key = `${t.template}|${e.id}`;
      if (!known.has(key)) {
        ev.calls++;
        known.set(key, table[t.template]?.[Number(e.id.slice(1))] ?? 0);
      }
      return known.get(key) ?? 0;
    },
    countHits: () => 0,
    outputs: () => new Map(),
  };
  return ev;
}

describe('drawPair', () => {
  it('draws two distinct slots in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer(), (size, seed) => {
        const rng = seededRng(seed);
        const [a, b] = drawPair(size, rng);
        expect(a).not.toBe(b);
        for (const x of [a, b]) expect(x >= 0 && x < size).toBe(true);
      }),
    );
  });
});

describe('race', () => {
  it('decides as soon as one side cannot catch up', () => {
    expect(raceVerdict({ sum: 3, n: 3 }, { sum: 0, n: 2 }, 4)).toBe('first');
    expect(raceVerdict({ sum: 2, n: 3 }, { sum: 0, n: 2 }, 4)).toBeNull();
    expect(raceVerdict({ sum: 2, n: 4 }, { sum: 2, n: 4 }, 4)).toBe('first');
  });

  it('picks the winner full scoring would pick, with no more calls (property)', async () => {
    const score = fc.constantFrom<number>(0, 0.25, 0.5, 0.75, 1);
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 10 })
          .chain((n) =>
            fc.tuple(
              fc.array(score, { minLength: n, maxLength: n }),
              fc.array(score, { minLength: n, maxLength: n }),
            ),
          ),
        async ([a, b]) => {
          const ev = tableEvaluator({ A: a, B: b });
          const sample = examples(a.length);
          const winner = await race(ev, p('A'), p('B'), sample);
          const sa = a.reduce((s, x) => s + x, 0);
          const sb = b.reduce((s, x) => s + x, 0);
          expect(winner).toBe(sb > sa ? 'second' : 'first');
          expect(ev.calls).toBeLessThanOrEqual(2 * a.length);
        },
      ),
    );
  });

  it('stops early against a clearly better incumbent', async () => {
    const ev = tableEvaluator({ A: Array(10).fill(1), B: Array(10).fill(0) });
    const sample = examples(10);
    for (const e of sample) await ev.score(p('A'), e);
    ev.calls = 0;
    expect(await race(ev, p('A'), p('B'), sample)).toBe('first');
    expect(ev.calls).toBe(1);
  });
});

describe('finalEvaluation', () => {
  it('rejects a weak finalist after a chunk and ranks the rest best first', async () => {
    const n = 40;
    const ev = tableEvaluator({
      good: Array(n).fill(0.9),
      fine: Array(n).fill(0.8),
      ok: Array(n).fill(0.7),
      weak: Array(n).fill(0.1),
    });
    const scores = await finalEvaluation(ev, ['weak', 'ok', 'fine', 'good'].map(p), examples(n), 3);
    expect(scores.map((s) => s.prompt.template)).toEqual(['good', 'fine', 'ok', 'weak']);
    expect(scores.find((s) => s.prompt.template === 'weak')).toMatchObject({ rejectedEarly: true, n: 10 });
    expect(ev.calls).toBeLessThan(4 * n);
  });
});
