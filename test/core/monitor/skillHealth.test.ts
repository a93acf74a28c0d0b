import { describe, expect, it } from 'vitest';
import { skillHealth } from '../../../src/core/monitor/skillHealth';
import { defaultConfig } from '../../../src/shared/values/configSchema';
import { feedbackRows, NOW } from './feedbackRows';

const triggers = defaultConfig.triggers;

describe('skillHealth', () => {
  it('needs a full sample before judging', () => {
    expect(skillHealth({ rows: feedbackRows(0, 19), now: NOW, triggers })).toMatchObject({
      health: 'insufficient-data',
      samples: 19,
      accuracy: 0,
    });
  });

  it('is dropping strictly below the threshold and healthy at it', () => {
    expect(skillHealth({ rows: feedbackRows(15, 5), now: NOW, triggers }).health).toBe('dropping');
    expect(skillHealth({ rows: feedbackRows(16, 4), now: NOW, triggers })).toMatchObject({
      health: 'healthy',
      accuracy: 0.8,
    });
  });

  it('judges the active version only when asked', () => {
    const data = [...feedbackRows(0, 20, NOW, 1), ...feedbackRows(20, 0, NOW, 2)];
    expect(skillHealth({ rows: data, now: NOW, triggers, promptVersion: 2 }).health).toBe('healthy');
    expect(skillHealth({ rows: data, now: NOW, triggers }).health).toBe('dropping');
  });
});
