import type { TriggersConfig } from '../../shared/values/configSchema';
import { HOUR_MS } from '../clock';
import {
  type AccuracyTally,
  accuracyOverWindow,
  type FeedbackRow,
  formatPercent,
} from './accuracyOverWindow';

export interface EvolutionTriggerInput {
  /** Low-variation skills (code linting) are monitored but evolve only on request. */
  skill: { evolveAutomatically: boolean };
  rows: readonly FeedbackRow[];
  /** Start of this skill's last evolution session; `null` if it never evolved. */
  lastEvolutionAt: Date | null;
  now: Date;
  triggers: Pick<TriggersConfig, 'accuracy_threshold' | 'sample_size' | 'window_days' | 'cooldown_hours'>;
  /** Config `evolution.paused`. */
  paused: boolean;
  /** Judge only feedback on the active prompt version. Default: every version in the window. */
  promptVersion?: number | undefined;
}

export interface EvolutionTriggerDecision extends AccuracyTally {
  trigger: boolean;
  /** One sentence for logs, `prompt stats` and the popover. */
  reason: string;
}

/**
 * Whether a skill should start evolving now: accuracy over the window strictly below
 * `accuracy_threshold` (@default 0.80), at least `sample_size` feedback rows (@default 20), the last
 * evolution at least `cooldown_hours` ago (@default 168, inclusive), the skill auto-evolvable and
 * evolution not paused.
 */
export function evaluateEvolutionTrigger(input: EvolutionTriggerInput): EvolutionTriggerDecision {
  const { triggers, now } = input;
  const tally = accuracyOverWindow(input.rows, {
    now,
    windowDays: triggers.window_days,
    promptVersion: input.promptVersion,
  });
  const decide = (trigger: boolean, reason: string) => ({ ...tally, trigger, reason });
  const threshold = formatPercent(triggers.accuracy_threshold);
  const window = `the last ${triggers.window_days} days`;

  if (input.paused) return decide(false, 'Evolution is paused.');
  if (!input.skill.evolveAutomatically) return decide(false, 'This skill evolves only on request.');
  if (tally.accuracy === null || tally.samples < triggers.sample_size) {
    return decide(
      false,
      `Only ${tally.samples} of the ${triggers.sample_size} feedback samples needed in ${window}.`,
    );
  }
  const accuracy = formatPercent(tally.accuracy);
  if (tally.accuracy >= triggers.accuracy_threshold) {
    return decide(
      false,
      `Accuracy ${accuracy} over ${tally.samples} samples is at or above the ${threshold} threshold.`,
    );
  }
  if (input.lastEvolutionAt !== null) {
    const elapsedMs = now.getTime() - input.lastEvolutionAt.getTime();
    if (elapsedMs < triggers.cooldown_hours * HOUR_MS) {
      const hours = Math.max(0, Math.floor(elapsedMs / HOUR_MS));
      return decide(
        false,
        `Accuracy ${accuracy} is below the ${threshold} threshold, but the last evolution was ${hours} h ago (cooldown ${triggers.cooldown_hours} h).`,
      );
    }
  }
  return decide(
    true,
    `Accuracy ${accuracy} over ${tally.samples} samples in ${window} is below the ${threshold} threshold.`,
  );
}
