import { describe, expect, it } from 'vitest';
import { defaultBanditSettings } from '../../../src/core/bandit/banditSettings';
import { banditSettingsFromConfig } from '../../../src/core/bandit/banditSettingsFromConfig';
import { configSchema, defaultConfig } from '../../../src/core/config';

describe('banditSettingsFromConfig', () => {
  it("maps the default config onto exactly the bandit's defaults (one default, not two)", () => {
    expect(banditSettingsFromConfig(defaultConfig)).toEqual(defaultBanditSettings);
  });

  it("carries the user's A/B and learning settings through", () => {
    const config = configSchema.parse({
      ab_testing: {
        min_votes: 20,
        max_votes: 40,
        confidence: 0.95,
        check_interval: 5,
        allocation: 'thompson',
        model: 'beta',
      },
      learning: { min_accuracy_improvement: 0.1 },
    });
    expect(banditSettingsFromConfig(config)).toMatchObject({
      minVotes: 20,
      maxVotes: 40,
      confidence: 0.95,
      checkInterval: 5,
      allocation: 'thompson',
      model: 'beta',
      minAccuracyImprovement: 0.1,
    });
  });
});
