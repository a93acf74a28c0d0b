import { describe, expect, it } from 'vitest';
import {
  AUDIO_COMMANDS,
  type AudioActionsOutput,
  audioActions,
  formatAudioActionsInput,
  outputJsonSchema,
  scoreAudioActions,
} from '../../../src/core/skills/index';

const reference: AudioActionsOutput = {
  intent: 'create_calendar_event',
  entities: [
    { type: 'person', value: 'Tom' },
    { type: 'organization', value: 'Kestrel' },
    { type: 'date', value: '2025-10-21' },
  ],
  actions: [
    {
      command: 'create_calendar_event',
      details: 'Call with Tom about the renewal',
      when: '2025-10-21T15:00',
    },
    { command: 'send_message', details: 'To Tom: numbers tonight', when: '' },
  ],
  summary: 'Renewal call Tuesday.',
};

describe('audio-actions input', () => {
  it('spells out the weekday of today and flattens the transcript', () => {
    expect(formatAudioActionsInput({ today: '2025-10-14', transcript: 'remind me\n  to call   Sam' })).toBe(
      'today: 2025-10-14 (Tuesday)\ntranscript: remind me to call Sam',
    );
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(audioActions.inputSchema.safeParse({ today: '14/10/2025', transcript: 'x' }).success).toBe(false);
  });
});

describe('audio-actions output rules', () => {
  it('allows only the fixed commands in the grammar', () => {
    const schema = JSON.stringify(outputJsonSchema(audioActions));
    expect(schema).toContain(JSON.stringify([...AUDIO_COMMANDS]));
    expect(
      audioActions.rawOutputSchema.safeParse({
        ...reference,
        actions: [{ command: 'delete_files', details: 'x', when: '' }],
      }).success,
    ).toBe(false);
  });

  it('rejects malformed dates and an intent no action carries', () => {
    const result = audioActions.outputSchema.safeParse({
      ...reference,
      intent: 'create_task',
      actions: [{ command: 'create_reminder', details: 'x', when: 'next Tuesday' }],
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['actions', 0, 'when'], ['actions']]);
  });

  it('rejects actions under the intent none', () => {
    expect(audioActions.outputSchema.safeParse({ ...reference, intent: 'none' }).success).toBe(false);
  });
});

describe('audio-actions scorer', () => {
  it('is 1 against itself and ignores entity order', () => {
    expect(scoreAudioActions(reference, reference)).toBe(1);
    expect(scoreAudioActions({ ...reference, entities: [...reference.entities].reverse() }, reference)).toBe(
      1,
    );
  });

  it('weighs intent most, then entities, then actions', () => {
    const wrongIntent = scoreAudioActions({ ...reference, intent: 'create_task' }, reference);
    const noEntities = scoreAudioActions({ ...reference, entities: [] }, reference);
    const noActions = scoreAudioActions({ ...reference, actions: [] }, reference);
    expect(wrongIntent).toBeCloseTo(0.5, 10);
    expect(noEntities).toBeCloseTo(0.7, 10);
    expect(noActions).toBeCloseTo(0.8, 10);
  });

  it('gives partial credit for a close entity value and none for the wrong type', () => {
    const close = scoreAudioActions(
      { ...reference, entities: [{ type: 'organization', value: 'Kestrel Ltd' }] },
      {
        intent: reference.intent,
        entities: [{ type: 'organization', value: 'Kestrel' }],
      },
    );
    const wrongType = scoreAudioActions(
      { ...reference, entities: [{ type: 'person', value: 'Kestrel' }] },
      {
        intent: reference.intent,
        entities: [{ type: 'organization', value: 'Kestrel' }],
      },
    );
    expect(close).toBeGreaterThan(wrongType);
    expect(close).toBeLessThan(1);
    expect(wrongType).toBeCloseTo(0.5 / 0.8, 10);
  });

  it('scores intent accuracy alone when the correction gives only the intent', () => {
    expect(scoreAudioActions(reference, { intent: 'create_calendar_event' })).toBe(1);
    expect(scoreAudioActions(reference, { intent: 'none' })).toBe(0);
  });

  it('scores an unrelated output low', () => {
    const unrelated: AudioActionsOutput = {
      intent: 'create_note',
      entities: [{ type: 'item', value: 'cinnamon buns' }],
      actions: [{ command: 'create_note', details: 'Good buns on Elm Street', when: '' }],
      summary: 'Buns.',
    };
    expect(scoreAudioActions(unrelated, reference)).toBe(0);
  });
});
