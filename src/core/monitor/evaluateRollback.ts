import { type AccuracyTally, type FeedbackRow, formatPercent, tallyVerdicts } from './accuracyOverWindow';

export interface RollbackInput {
  /** Feedback on the promoted version since it became active. */
  rows: readonly FeedbackRow[];
  /** Config `learning.rollback_threshold`. @default 0.70 */
  threshold: number;
  /** A full sample: config `triggers.sample_size`. @default 20 */
  sampleSize: number;
}

export interface RollbackDecision extends AccuracyTally {
  rollback: boolean;
  /** One sentence, also used to tell the user why their prompt changed back. */
  reason: string;
}

/**
 * The post-promotion watch: roll back when the promoted version's accuracy over all its feedback is
 * strictly below `threshold`, and only once a full sample exists, so a few early rejections cannot
 * undo a promotion. Accuracy over everything since activation (not a sliding tail) keeps this a
 * verdict on the promotion; a later slow drift is the evolution trigger's job.
 */
export function evaluateRollback(input: RollbackInput): RollbackDecision {
  const tally = tallyVerdicts(input.rows);
  const decide = (rollback: boolean, reason: string) => ({ ...tally, rollback, reason });
  const threshold = formatPercent(input.threshold);
  if (tally.accuracy === null || tally.samples < input.sampleSize) {
    return decide(
      false,
      `Watching the promoted prompt: ${tally.samples} of ${input.sampleSize} feedback samples so far.`,
    );
  }
  const accuracy = formatPercent(tally.accuracy);
  if (tally.accuracy < input.threshold) {
    return decide(
      true,
      `The promoted prompt's accuracy is ${accuracy} over ${tally.samples} samples, below the ${threshold} rollback threshold.`,
    );
  }
  return decide(
    false,
    `The promoted prompt's accuracy is ${accuracy} over ${tally.samples} samples, at or above the ${threshold} rollback threshold.`,
  );
}
