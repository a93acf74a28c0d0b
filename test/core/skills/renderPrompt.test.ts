import { describe, expect, it } from 'vitest';
import { countInputPlaceholders, renderPrompt } from '../../../src/core/skills/renderPrompt';

describe('renderPrompt', () => {
  it('puts the formatted input where {{input}} was', () => {
    expect(renderPrompt('Task:\n{{input}}\nJSON:', 'name: a.pdf')).toBe('Task:\nname: a.pdf\nJSON:');
  });

  it('keeps $-sequences of user text literal', () => {
    expect(renderPrompt('<{{input}}>', "cost $& and $' and $1")).toBe("<cost $& and $' and $1>");
  });

  it('rejects a template without the placeholder, saying what is wrong', () => {
    expect(() => renderPrompt('Name this file.', 'x')).toThrow(/\{\{input\}\} exactly once, found 0/);
  });

  it('rejects a template with the placeholder twice', () => {
    expect(() => renderPrompt('{{input}} and {{input}}', 'x')).toThrow(/found 2/);
  });

  it('counts placeholders', () => {
    expect(countInputPlaceholders('a {{input}} b {{input}}')).toBe(2);
    expect(countInputPlaceholders('{{ input }}')).toBe(0);
  });
});
