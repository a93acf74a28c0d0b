import { describe, expect, it } from 'vitest';
import { suggestionNotification } from '../../../src/core/app/suggestionNotification';
import type { SuggestionView } from '../../../src/shared/ipc/suggestionSchemas';

function view(detail: SuggestionView['detail'], name: string): SuggestionView {
  return {
    task: 't-1',
    skill: detail.skill,
    skillName: detail.skill,
    file: { name, folder: '~/Notes' },
    createdAt: '2026-03-02T09:00:00.000Z',
    expiresAt: '2026-03-05T09:00:00.000Z',
    detail,
    title: name,
    line: name,
    shapedBy: null,
    choice: null,
  };
}

const look = { actions: true, sound: false };

// The words come from each skill's presentation.suggestionNotice, not from a switch in the app layer.
describe('suggestion notifications, in the words each skill declares', () => {
  it('a change summary asks Good Summary / Not Useful', () => {
    const spec = suggestionNotification(
      view({ skill: 'markdown-analysis', summary: 'Added a budget section.', changes: [] }, 'plan.md'),
      look,
    );
    expect(spec).toEqual({
      title: 'Changes in plan.md',
      subtitle: '~/Notes',
      body: 'Added a budget section.',
      actions: ['Good Summary', 'Not Useful'],
      silent: true,
    });
  });

  it('a voice note lists its actions and keeps all or none; with none there is nothing to press', () => {
    const detail = {
      skill: 'audio-actions' as const,
      intent: 'reminder',
      summary: 'Call the dentist.',
      actions: [{ index: 0, command: 'reminder', details: 'Call the dentist at 9', when: 'tomorrow' }],
    };
    expect(suggestionNotification(view(detail, 'memo.txt'), look)).toMatchObject({
      title: 'Actions from memo.txt',
      body: 'Call the dentist.\n• Call the dentist at 9',
      actions: ['Keep All', 'None'],
    });
    expect(suggestionNotification(view({ ...detail, actions: [] }, 'memo.txt'), look)).toMatchObject({
      body: 'Call the dentist.\nClick to answer in tinyArms.',
      actions: [],
    });
  });

  it('without buttons the body ends with what a click does on this surface', () => {
    const detail = {
      skill: 'file-naming' as const,
      from: 'scan.pdf',
      to: 'acme.pdf',
      reasoning: '',
      alternatives: [],
    };
    expect(
      suggestionNotification(view(detail, 'scan.pdf'), {
        actions: false,
        sound: true,
        clickHint: 'Click here.',
      }),
    ).toEqual({
      title: 'Rename scan.pdf?',
      subtitle: '~/Notes',
      body: '→ acme.pdf\nClick here.',
      actions: [],
      silent: false,
    });
  });
});
