import type { Config } from '../config';
import { type BanditSettings, defaultBanditSettings } from './banditSettings';

/** Maps the user's `ab_testing` and `learning` sections onto the bandit's settings. */
export function banditSettingsFromConfig(config: Config): BanditSettings {
  const ab = config.ab_testing;
  return {
    ...defaultBanditSettings,
    minVotes: ab.min_votes,
    maxVotes: ab.max_votes,
    checkInterval: ab.check_interval,
    confidence: ab.confidence,
    maxDurationDays: ab.max_duration_days,
    sequentialBoundaryFactor: ab.sequential_boundary_factor,
    allocation: ab.allocation,
    model: ab.model,
    minAccuracyImprovement: config.learning.min_accuracy_improvement,
  };
}
