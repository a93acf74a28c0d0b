import { describe, expect, it } from 'vitest';
import { configSchema, defaultConfig, MAX_WATCHED } from '../../../src/shared/values/configSchema';

describe('configSchema', () => {
  it('gives every knob of DESIGN §6 its default', () => {
    expect(defaultConfig.triggers).toEqual({
      accuracy_threshold: 0.8,
      sample_size: 20,
      window_days: 7,
      cooldown_hours: 168,
      check_interval_hours: 24,
    });
    expect(defaultConfig.breeder).toMatchObject({
      population: 20,
      generations: 30,
      evaluation_samples: 10,
      final_evaluation_samples: 100,
      variants_per_evolution: 3,
      mutation_weights: {
        direct: 0.3,
        first_order: 0.3,
        crossover: 0.2,
        zero_order: 0.15,
        hypermutation: 0.05,
      },
    });
    expect(defaultConfig.ab_testing).toEqual({
      min_votes: 15,
      max_votes: 50,
      check_interval: 1,
      confidence: 0.9,
      max_duration_days: 7,
      show_probability: 0.5,
      sequential_boundary_factor: 2.25,
      allocation: 'top-two',
      model: 'choice',
    });
    expect(defaultConfig.learning).toEqual({ min_accuracy_improvement: 0.05, rollback_threshold: 0.7 });
    expect(defaultConfig.judge).toMatchObject({
      enabled: false,
      tier: 'local',
      reject_below: 70,
      auto_promote_at: 90,
      auto_promote: false,
      budget_per_evolution_usd: 0.05,
      budget_per_month_usd: 2,
    });
    expect(defaultConfig.judge.cloud).not.toHaveProperty('api_key');
    expect(defaultConfig.model).toMatchObject({
      name: 'smollm2-360m-instruct-q4_k_m',
      context_size: 8192,
      threads: null,
      gpu: false,
    });
    expect(defaultConfig.watchers).toEqual({ folders: [], transcripts_folder: null, markdown_files: [] });
    expect(defaultConfig.notifications).toEqual({
      enabled: true,
      sound: false,
      max_per_skill_per_day: 5,
      quiet_hours: '22:00-08:00',
      snooze_minutes: 120,
      expire_after_hours: 72,
    });
    expect(defaultConfig.evolution).toEqual({
      paused: false,
      wait_for_idle_minutes: 5,
      require_mains_power: true,
      cross_skill_learning: false,
    });
  });

  it('fills the rest of a section when only one key is given', () => {
    const config = configSchema.parse({ ab_testing: { max_votes: 40 } });
    expect(config.ab_testing.max_votes).toBe(40);
    expect(config.ab_testing.min_votes).toBe(15);
  });

  it('rejects min_votes above max_votes', () => {
    const result = configSchema.safeParse({ ab_testing: { min_votes: 80 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['ab_testing', 'min_votes']);
  });

  it('accepts mutation weights that sum to 1 within 1e-6 and rejects others', () => {
    const weights = { direct: 0.2, first_order: 0.2, crossover: 0.2, zero_order: 0.2, hypermutation: 0.2 };
    expect(configSchema.safeParse({ breeder: { mutation_weights: weights } }).success).toBe(true);
    const off = { ...weights, hypermutation: 0.2 + 2e-6 };
    expect(configSchema.safeParse({ breeder: { mutation_weights: off } }).success).toBe(false);
    const near = { ...weights, hypermutation: 0.2 + 5e-7 };
    expect(configSchema.safeParse({ breeder: { mutation_weights: near } }).success).toBe(true);
  });

  it('keeps the thresholds ordered', () => {
    expect(configSchema.safeParse({ learning: { rollback_threshold: 0.85 } }).success).toBe(false);
    expect(configSchema.safeParse({ judge: { reject_below: 95 } }).success).toBe(false);
    expect(configSchema.safeParse({ judge: { budget_per_evolution_usd: 3 } }).success).toBe(false);
  });

  it('bounds the watched folders and files: each is a file-system watcher', () => {
    const folders = (n: number) => ({ watchers: { folders: Array.from({ length: n }, (_, i) => `/f${i}`) } });
    expect(configSchema.safeParse(folders(MAX_WATCHED)).success).toBe(true);
    expect(configSchema.safeParse(folders(MAX_WATCHED + 1)).success).toBe(false);
    expect(
      configSchema.safeParse({ watchers: { markdown_files: [`/${'x'.repeat(5000)}.md`] } }).success,
    ).toBe(false);
  });

  it('rejects unknown keys at every level', () => {
    expect(configSchema.safeParse({ trigers: {} }).success).toBe(false);
    expect(configSchema.safeParse({ triggers: { sample: 3 } }).success).toBe(false);
  });
});

describe('quiet hours', () => {
  it('takes HH:MM-HH:MM or null and names the format otherwise', () => {
    expect(
      configSchema.parse({ notifications: { quiet_hours: '23:30-07:00' } }).notifications.quiet_hours,
    ).toBe('23:30-07:00');
    expect(configSchema.parse({ notifications: { quiet_hours: null } }).notifications.quiet_hours).toBeNull();
    const bad = configSchema.safeParse({ notifications: { quiet_hours: '10pm-7am' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/HH:MM-HH:MM/);
  });
});

describe('judge.cloud.base_url', () => {
  it('takes https anywhere and plain http only to this machine', () => {
    const at = (base_url: string) => configSchema.safeParse({ judge: { cloud: { base_url } } }).success;
    expect(at('https://llm.example.com/v1')).toBe(true);
    expect(at('http://localhost:8080/v1')).toBe(true);
    expect(at('http://127.0.0.1:11434/v1')).toBe(true);
    expect(at('http://llm.example.com/v1')).toBe(false);
    expect(at('ftp://llm.example.com')).toBe(false);
  });
});
