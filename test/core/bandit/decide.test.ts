import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BanditSettings } from '../../../src/core/bandit/banditSettings';
import { defaultBanditSettings, seedBanditSettings } from '../../../src/core/bandit/banditSettings';
import type { Comparison } from '../../../src/core/bandit/comparison';
import { decide } from '../../../src/core/bandit/decide';
import { DAY_MS } from '../../../src/core/clock';

const ARMS = ['original', 'A', 'B'];
const START = new Date('2025-01-01T00:00:00Z');
// The seed's stop numbers (0.95, every 5 votes) make the checkpoints easy to see.
const settings: BanditSettings = { ...seedBanditSettings, model: 'choice' };
const picks = (chosen: string, n: number, shown = ARMS): Comparison[] =>
  Array.from({ length: n }, () => ({ shown, chosen }));
const at = (days: number) => new Date(START.getTime() + days * DAY_MS);
const run = (comparisons: Comparison[], extra: Partial<Parameters<typeof decide>[0]> = {}) =>
  decide({ arms: ARMS, comparisons, control: 'original', startedAt: START, now: at(1), settings, ...extra });

describe('decide', () => {
  it('never names a winner before the minimum number of votes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pick: fc.constantFrom(...ARMS, null) }), { maxLength: 80 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.constantFrom('beta' as const, 'choice' as const),
        (votes, days, model) => {
          const comparisons = votes.map(({ pick }) => ({ shown: ARMS, chosen: pick }));
          const decision = run(comparisons, { now: at(days), settings: { ...settings, model } });
          const real = comparisons.filter((c) => c.chosen !== null).length;
          if (real < settings.minVotes) {
            if (days < settings.maxDurationDays) expect(decision).toBeNull();
            else expect(decision?.winner).toBeNull();
          }
          if (decision) expect(decision.votes).toBe(real);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps testing at 14 votes however lopsided they are', () => {
    expect(run(picks('A', 14))).toBeNull();
  });

  it('stops on confidence at the first checkpoint when one arm dominates', () => {
    const decision = run([...picks('A', 13), ...picks('B', 1), ...picks('original', 1)]);
    expect(decision).toMatchObject({ winner: 'A', rule: 'confidence', votes: 15 });
    expect(decision?.reason).toMatch(/^A is best with P\(best\) (0\.9\d|> 0\.99) after 15 votes\.$/);
  });

  it('only checks confidence every checkInterval votes', () => {
    const sixteen = [...picks('A', 14), ...picks('B', 1), ...picks('original', 1)];
    expect(run(sixteen)).toBeNull();
    expect(run(sixteen, { settings: { ...settings, checkInterval: 1 } })?.rule).toBe('confidence');
  });

  it('lets the control win outright when it clearly does', () => {
    const decision = run([...picks('original', 13), ...picks('A', 2)]);
    expect(decision?.winner).toBe('original');
  });

  it('stops on the sequential boundary from 30 votes', () => {
    const lopsided = [...picks('A', 21), ...picks('B', 5), ...picks('original', 5)];
    const decision = run(lopsided, { settings: { ...settings, confidence: 0.9999999 } });
    expect(decision).toMatchObject({ winner: 'A', rule: 'sequential', votes: 31 });
    expect(decision?.reason).toContain('leads by 16 picks');
  });

  it('declares no difference at max votes when nobody leads', () => {
    const tied = [...picks('A', 17), ...picks('B', 17), ...picks('original', 16)];
    const decision = run(tied);
    expect(decision).toMatchObject({ winner: null, rule: 'max-votes', votes: 50 });
    expect(decision?.reason).toMatch(/^No clear difference after 50 votes/);
  });

  it('declares the best posterior mean at max votes when it leads enough', () => {
    const decision = run([...picks('A', 25), ...picks('B', 15), ...picks('original', 10)]);
    expect(decision).toMatchObject({ winner: 'A', rule: 'max-votes' });
  });

  it('keeps the control at a forced stop when the leading variant may not beat it (beatControl)', () => {
    // 22 against 13: A leads, but P(A > original) is about 0.93, under the default 0.99.
    const votes = [...picks('A', 22), ...picks('B', 15), ...picks('original', 13)];
    const decision = run(votes);
    expect(decision).toMatchObject({ winner: null, rule: 'max-votes' });
    expect(decision?.reason).toMatch(/A leads, but beats original with P only 0\.9\d; keeping original/);
    expect(run(votes, { settings: { ...settings, beatControl: 0.9 } })?.winner).toBe('A');
  });

  it('keeps testing when a variant is confidently best but not yet surely better than the control', () => {
    // 10, 3, 2 of 15 with every arm shown: P(best) of A is 0.96, P(A > original) 0.989 < 0.99.
    const votes = [...picks('A', 10), ...picks('B', 3), ...picks('original', 2)];
    expect(run(votes, { settings: { ...settings, beatControl: 0.98 } })).toMatchObject({
      winner: 'A',
      rule: 'confidence',
    });
    expect(run(votes)).toBeNull();
  });

  it('closes after maxDurationDays even without enough votes, keeping the control', () => {
    const decision = run(picks('A', 5), { now: at(7) });
    expect(decision).toMatchObject({ winner: null, rule: 'max-duration', votes: 5 });
  });

  it('ranks by wins × accuracy at a forced stop when every arm has an accuracy', () => {
    const votes = [...picks('A', 20), ...picks('B', 18), ...picks('original', 12)];
    const accuracy = { original: 0.7, A: 0.75, B: 0.9 };
    const loose = { ...settings, noDifferenceBelow: 0, beatControl: 0 };
    expect(run(votes, { settings: loose })?.winner).toBe('A');
    expect(run(votes, { settings: loose, accuracy })?.winner).toBe('B');
  });

  it('refuses a winner that does not beat the control by minAccuracyImprovement', () => {
    const votes = [...picks('A', 13), ...picks('B', 1), ...picks('original', 1)];
    const decision = run(votes, { accuracy: { A: 0.82, original: 0.8 } });
    expect(decision).toMatchObject({ winner: null, rule: 'confidence' });
    expect(decision?.reason).toMatch(/accuracy 0\.82 beats original's 0\.80 by less than 0\.05/);
    expect(run(votes, { accuracy: { A: 0.85, original: 0.8 } })?.winner).toBe('A');
  });

  it('defaults to the benchmark pick and keeps the seed rule selectable', () => {
    expect(defaultBanditSettings).toMatchObject({ allocation: 'top-two', model: 'choice', checkInterval: 1 });
    expect(seedBanditSettings).toMatchObject({
      allocation: 'thompson',
      model: 'beta',
      checkInterval: 5,
      confidence: 0.95,
    });
  });

  it('ignores skips', () => {
    const withSkips = [
      ...picks('A', 13),
      ...Array.from({ length: 10 }, () => ({ shown: ARMS, chosen: null })),
    ];
    expect(run(withSkips)).toBeNull();
  });
});
