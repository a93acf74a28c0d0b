import type { FeedbackRow, FeedbackVerdict } from '../../../src/core/monitor/accuracyOverWindow';

export const NOW = new Date('2025-06-01T12:00:00Z');

/** `accepted` accepted rows then `failed` rejected rows, all at `at`. */
export function feedbackRows(
  accepted: number,
  failed: number,
  at: Date = NOW,
  promptVersion = 1,
): FeedbackRow[] {
  const verdicts: FeedbackVerdict[] = [
    ...Array<FeedbackVerdict>(accepted).fill('accepted'),
    ...Array<FeedbackVerdict>(failed).fill('rejected'),
  ];
  return verdicts.map((verdict) => ({ verdict, createdAt: at, promptVersion }));
}
