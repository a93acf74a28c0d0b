import { DAY_MS } from '../clock';

export type FeedbackVerdict = 'accepted' | 'corrected' | 'rejected';

/** One piece of user feedback on a skill's output, as the store supplies it. */
export interface FeedbackRow {
  verdict: FeedbackVerdict;
  createdAt: Date;
  /** The prompt version that produced the output. */
  promptVersion: number;
}

export interface AccuracyTally {
  /** accepted / samples; `null` with no samples. A correction counts as a failure. */
  accuracy: number | null;
  samples: number;
  accepted: number;
  corrected: number;
  rejected: number;
}

/** Counts verdicts; accuracy is the accepted share (a corrected output was wrong). */
export function tallyVerdicts(rows: readonly FeedbackRow[]): AccuracyTally {
  let accepted = 0;
  let corrected = 0;
  let rejected = 0;
  for (const row of rows) {
    switch (row.verdict) {
      case 'accepted':
        accepted++;
        break;
      case 'corrected':
        corrected++;
        break;
      case 'rejected':
        rejected++;
        break;
      default:
        row.verdict satisfies never;
    }
  }
  const samples = accepted + corrected + rejected;
  return { accuracy: samples === 0 ? null : accepted / samples, samples, accepted, corrected, rejected };
}

export interface AccuracyWindowOptions {
  now: Date;
  /** Window length in days. @default 7 (config `triggers.window_days`) */
  windowDays: number;
  /** Count only feedback on this prompt version (the active one), so an old prompt's failures do not count against a new one. Default: every version. */
  promptVersion?: number | undefined;
}

/**
 * Accuracy over the window `[now − windowDays, now]`, both ends included: feedback given exactly
 * `windowDays` ago still counts; feedback stamped after `now` does not (so replaying a past `now`
 * gives the answer of that time).
 */
export function accuracyOverWindow(
  rows: readonly FeedbackRow[],
  options: AccuracyWindowOptions,
): AccuracyTally {
  const end = options.now.getTime();
  const start = end - options.windowDays * DAY_MS;
  return tallyVerdicts(
    rows.filter((row) => {
      const at = row.createdAt.getTime();
      return (
        at >= start &&
        at <= end &&
        (options.promptVersion === undefined || row.promptVersion === options.promptVersion)
      );
    }),
  );
}

/** `0.795` → `79.5%`, for reasons shown to the user. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}
