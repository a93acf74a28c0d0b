import { describe, expect, it } from 'vitest';
import { defaultBanditSettings } from '../../../src/core/bandit/banditSettings';
import type { Comparison } from '../../../src/core/bandit/comparison';
import { summarizeLeader } from '../../../src/core/bandit/summarizeLeader';

const ARMS = ['original', 'A', 'B'];
const picks = (chosen: string, n: number): Comparison[] =>
  Array.from({ length: n }, () => ({ shown: ARMS, chosen }));
const summary = (comparisons: Comparison[]) =>
  summarizeLeader({ arms: ARMS, comparisons, settings: defaultBanditSettings });

describe('summarizeLeader', () => {
  it('says when there is nothing to say yet', () => {
    expect(summary([])).toBe('No votes yet.');
    expect(summary([...picks('A', 5), ...picks('B', 5), ...picks('original', 5)])).toBe(
      'Too close to call after 15 votes.',
    );
  });

  it('names the leader and a finite number of votes to go', () => {
    expect(summary(picks('A', 3))).toMatch(
      /^A is leading \(P\(best\) 0\.\d\d\); about \d+ more votes to confirm\.$/,
    );
  });

  it('says the leader is best once P(best) passes the confidence', () => {
    expect(summary([...picks('A', 20), ...picks('B', 3)])).toMatch(
      /^A is best \(P\(best\) (> 0\.99|0\.9\d)\) after 23 votes\.$/,
    );
  });
});
