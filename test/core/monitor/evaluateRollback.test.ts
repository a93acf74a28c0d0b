import { describe, expect, it } from 'vitest';
import { evaluateRollback } from '../../../src/core/monitor/evaluateRollback';
import { feedbackRows } from './feedbackRows';

describe('evaluateRollback', () => {
  it('waits for a full sample, however bad the start', () => {
    const decision = evaluateRollback({ rows: feedbackRows(0, 19), threshold: 0.7, sampleSize: 20 });
    expect(decision.rollback).toBe(false);
    expect(decision.reason).toBe('Watching the promoted prompt: 19 of 20 feedback samples so far.');
  });

  it('rolls back below the threshold over a full sample', () => {
    const decision = evaluateRollback({ rows: feedbackRows(13, 7), threshold: 0.7, sampleSize: 20 });
    expect(decision.rollback).toBe(true);
    expect(decision.reason).toBe(
      "The promoted prompt's accuracy is 65% over 20 samples, below the 70% rollback threshold.",
    );
  });

  it('keeps the prompt at exactly the threshold', () => {
    expect(evaluateRollback({ rows: feedbackRows(14, 6), threshold: 0.7, sampleSize: 20 }).rollback).toBe(
      false,
    );
  });

  it('counts corrections as failures', () => {
    const data = feedbackRows(13, 0).concat(
      Array.from({ length: 7 }, () => ({
        verdict: 'corrected' as const,
        createdAt: new Date(0),
        promptVersion: 2,
      })),
    );
    expect(evaluateRollback({ rows: data, threshold: 0.7, sampleSize: 20 }).rollback).toBe(true);
  });
});
