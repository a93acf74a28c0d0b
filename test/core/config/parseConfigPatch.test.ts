import { describe, expect, it } from 'vitest';
import { parseConfigPatch } from '../../../src/core/config/parseConfigPatch';
import { defaultConfig } from '../../../src/shared/values/configSchema';

describe('parseConfigPatch', () => {
  it('reads values as YAML scalars', () => {
    const { config, error } = parseConfigPatch(defaultConfig, {
      'ab_testing.max_votes': '40',
      'evolution.paused': 'true',
      'model.threads': '2',
      'ab_testing.allocation': 'thompson',
      'watchers.folders': '[~/Downloads, ~/Desktop]',
    });
    expect(error).toBeNull();
    expect(config?.ab_testing).toMatchObject({ max_votes: 40, allocation: 'thompson' });
    expect(config?.evolution.paused).toBe(true);
    expect(config?.model.threads).toBe(2);
    expect(config?.watchers.folders).toEqual(['~/Downloads', '~/Desktop']);
    expect(defaultConfig.ab_testing.max_votes).toBe(50);
  });

  it('merges a mapping into a section so linked values change together', () => {
    const single = parseConfigPatch(defaultConfig, { 'breeder.mutation_weights.direct': '0.4' });
    expect(single.error?.message).toBe('breeder.mutation_weights must sum to 1, got 1.1');
    const both = parseConfigPatch(defaultConfig, {
      'breeder.mutation_weights': '{direct: 0.4, first_order: 0.2}',
    });
    expect(both.error).toBeNull();
    expect(both.config?.breeder.mutation_weights).toMatchObject({
      direct: 0.4,
      first_order: 0.2,
      crossover: 0.2,
    });
  });

  it('rejects unknown keys with a suggestion and applies nothing', () => {
    const result = parseConfigPatch(defaultConfig, {
      'ab_testing.max_vote': '40',
      'evolution.paused': 'true',
    });
    expect(result.config).toBeNull();
    expect(result.error?.issues).toEqual([
      { key: 'ab_testing.max_vote', problem: 'is not a known setting (did you mean ab_testing.max_votes?)' },
    ]);
    expect(parseConfigPatch(defaultConfig, { min_votes: '3' }).error?.issues[0]?.problem).toContain(
      'did you mean ab_testing.min_votes?',
    );
  });

  it('names the key and the problem for an invalid value', () => {
    const result = parseConfigPatch(defaultConfig, { 'ab_testing.min_votes': '80' });
    expect(result.error?.message).toBe('ab_testing.min_votes must be ≤ max_votes (50), got 80');
  });
});
