import { describe, expect, it } from 'vitest';
import { promptMessages } from '../../../src/core/runner/runTemplate';
import { renderPrompt } from '../../../src/core/skills/renderPrompt';

const template = 'You rename files.\nRules…\n\n{{input}}\n';

describe('promptMessages', () => {
  it('without demonstrations is the rendered template, exactly as before the bank', () => {
    expect(promptMessages(template, 'name: a.txt', [])).toEqual({
      turns: [],
      user: renderPrompt(template, 'name: a.txt'),
    });
  });

  it('opens the first turn with the instruction and ends with the task’s input', () => {
    const messages = promptMessages(template, 'name: c.txt', [
      { inputText: 'name: a.txt', answer: '{"filename": "a.txt"}' },
      { inputText: 'name: b.txt', answer: '{"filename": "b.txt"}' },
    ]);
    expect(messages.turns).toEqual([
      { user: 'You rename files.\nRules…\n\nname: a.txt', assistant: '{"filename": "a.txt"}' },
      { user: 'name: b.txt', assistant: '{"filename": "b.txt"}' },
    ]);
    expect(messages.user).toBe('name: c.txt');
  });

  it('refuses a template without its placeholder, with or without demonstrations', () => {
    expect(() => promptMessages('no slot', 'x', [])).toThrow(/exactly once/);
    expect(() => promptMessages('no slot', 'x', [{ inputText: 'a', answer: 'b' }])).toThrow(/exactly once/);
  });
});
