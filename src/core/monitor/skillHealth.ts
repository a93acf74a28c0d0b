import type { TriggersConfig } from '../../shared/values/configSchema';
import { type AccuracyTally, accuracyOverWindow, type FeedbackRow } from './accuracyOverWindow';

/** The monitor's part of a skill's status; the session layer adds 'evolving' and 'testing'. */
export type SkillHealthStatus = 'healthy' | 'dropping' | 'insufficient-data';

export interface SkillHealth extends AccuracyTally {
  health: SkillHealthStatus;
}

export interface SkillHealthInput {
  rows: readonly FeedbackRow[];
  now: Date;
  triggers: Pick<TriggersConfig, 'accuracy_threshold' | 'sample_size' | 'window_days'>;
  /** Judge only feedback on the active prompt version. Default: every version in the window. */
  promptVersion?: number | undefined;
}

/**
 * Health over the trigger window, for `prompt stats` and the popover: `insufficient-data` below
 * `sample_size` samples, `dropping` when accuracy is strictly under `accuracy_threshold` (whether or
 * not evolution may start: cooldown and pause are not health), else `healthy`.
 */
export function skillHealth(input: SkillHealthInput): SkillHealth {
  const tally = accuracyOverWindow(input.rows, {
    now: input.now,
    windowDays: input.triggers.window_days,
    promptVersion: input.promptVersion,
  });
  const health: SkillHealthStatus =
    tally.accuracy === null || tally.samples < input.triggers.sample_size
      ? 'insufficient-data'
      : tally.accuracy < input.triggers.accuracy_threshold
        ? 'dropping'
        : 'healthy';
  return { ...tally, health };
}
