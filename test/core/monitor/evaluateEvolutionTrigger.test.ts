import { describe, expect, it } from 'vitest';
import { fixedClock, HOUR_MS } from '../../../src/core/clock';
import {
  type EvolutionTriggerInput,
  evaluateEvolutionTrigger,
} from '../../../src/core/monitor/evaluateEvolutionTrigger';
import { defaultConfig } from '../../../src/shared/values/configSchema';
import { feedbackRows, NOW } from './feedbackRows';

function input(overrides: Partial<EvolutionTriggerInput> = {}): EvolutionTriggerInput {
  return {
    skill: { evolveAutomatically: true },
    rows: feedbackRows(14, 6), // 70% over 20 samples
    lastEvolutionAt: null,
    now: NOW,
    triggers: defaultConfig.triggers,
    paused: false,
    ...overrides,
  };
}

describe('evaluateEvolutionTrigger', () => {
  it('triggers below the threshold with a full sample and no cooldown', () => {
    const decision = evaluateEvolutionTrigger(input());
    expect(decision.trigger).toBe(true);
    expect(decision.reason).toBe(
      'Accuracy 70% over 20 samples in the last 7 days is below the 80% threshold.',
    );
  });

  it('does not trigger at exactly the threshold', () => {
    expect(evaluateEvolutionTrigger(input({ rows: feedbackRows(16, 4) })).trigger).toBe(false);
    expect(evaluateEvolutionTrigger(input({ rows: feedbackRows(31, 9) })).trigger).toBe(true); // 77.5%
  });

  it('needs sample_size samples', () => {
    const few = evaluateEvolutionTrigger(input({ rows: feedbackRows(5, 14) }));
    expect(few.trigger).toBe(false);
    expect(few.reason).toBe('Only 19 of the 20 feedback samples needed in the last 7 days.');
    expect(evaluateEvolutionTrigger(input({ rows: feedbackRows(5, 15) })).trigger).toBe(true);
  });

  it('waits for the cooldown: 167 h is too soon, 168 h is enough', () => {
    const clock = fixedClock(NOW);
    const lastEvolutionAt = new Date(NOW.getTime() - 167 * HOUR_MS);
    const early = evaluateEvolutionTrigger(input({ lastEvolutionAt, now: clock.now() }));
    expect(early.trigger).toBe(false);
    expect(early.reason).toContain('last evolution was 167 h ago (cooldown 168 h)');
    clock.advance(HOUR_MS);
    const data = feedbackRows(14, 6, clock.now());
    expect(evaluateEvolutionTrigger(input({ lastEvolutionAt, now: clock.now(), rows: data })).trigger).toBe(
      true,
    );
  });

  it('never triggers while paused', () => {
    const decision = evaluateEvolutionTrigger(input({ paused: true }));
    expect(decision).toMatchObject({ trigger: false, reason: 'Evolution is paused.' });
  });

  it('never auto-triggers a skill that evolves only on request (code linting)', () => {
    const decision = evaluateEvolutionTrigger(
      input({ skill: { evolveAutomatically: false }, rows: feedbackRows(0, 50) }),
    );
    expect(decision).toMatchObject({
      trigger: false,
      reason: 'This skill evolves only on request.',
      accuracy: 0,
    });
  });

  it('ignores feedback outside the window', () => {
    const old = feedbackRows(0, 20, new Date(NOW.getTime() - 8 * 24 * HOUR_MS));
    expect(evaluateEvolutionTrigger(input({ rows: [...old, ...feedbackRows(10, 0)] })).trigger).toBe(false);
  });

  it('follows the configured knobs', () => {
    const triggers = { ...defaultConfig.triggers, accuracy_threshold: 0.6, sample_size: 5 };
    expect(evaluateEvolutionTrigger(input({ triggers })).trigger).toBe(false);
    expect(evaluateEvolutionTrigger(input({ triggers, rows: feedbackRows(2, 3) })).trigger).toBe(true);
  });
});
