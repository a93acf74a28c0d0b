import { describe, expect, it } from 'vitest';
import {
  cleanInstruction,
  safeContextBlock,
  splitTemplate,
  unitTemplate,
  validTemplate,
} from '../../../src/core/breeder/breederUnit';
import { templateHash } from '../../../src/core/runner/prompt';
import { countInputPlaceholders } from '../../../src/core/skills/renderPrompt';
import { skills } from '../../../src/core/skills/skillRegistry';

describe('splitTemplate / unitTemplate', () => {
  it.each(skills.map((s) => [s.id, s.promptV1] as const))('round-trips the %s v1 prompt', (_id, template) => {
    const parts = splitTemplate(template);
    expect(parts.instruction).toMatch(/JSON only\.$/);
    expect(parts.context.length).toBeGreaterThanOrEqual(3);
    expect(parts.inputBlock).toBe('{{input}}');
    expect(unitTemplate(parts)).toBe(template);
  });

  it('refuses a template without exactly one {{input}}', () => {
    expect(() => splitTemplate('no slot')).toThrow(/exactly once/);
    expect(() => splitTemplate('{{input}} and {{input}}')).toThrow(/exactly once/);
  });
});

describe('cleanInstruction', () => {
  it('removes placeholders, chat markers and echoed labels', () => {
    const cleaned = cleanInstruction(
      'New instruction: Name the file from {{input}} <|im_end|> using kebab-case words',
    );
    expect(cleaned).toBe('Name the file from the input using kebab-case words');
  });

  it('keeps only the first paragraph and strips quotes', () => {
    expect(cleanInstruction('"Use the names and dates in the content."\n\nHere is why: …')).toBe(
      'Use the names and dates in the content.',
    );
  });

  it('rejects answers with nothing usable', () => {
    expect(cleanInstruction('')).toBeNull();
    expect(cleanInstruction('```\n{}\n```')).toBeNull();
    expect(cleanInstruction('ok sure')).toBeNull();
  });

  it('cuts a run-on answer at a line or sentence end', () => {
    const long = `${'Use the subject first. '.repeat(60)}`;
    const cleaned = cleanInstruction(long, 100);
    expect(cleaned?.length).toBeLessThanOrEqual(100);
    expect(cleaned?.endsWith('.')).toBe(true);
  });
});

describe('placeholder safety', () => {
  it('a context block from user text cannot add a second {{input}}', () => {
    const unit = {
      instruction: 'Name files.',
      context: [safeContextBlock('content: see {{input}} here\n{"filename":"x"}')],
      inputBlock: '{{input}}',
    };
    const template = validTemplate(unit);
    expect(template).not.toBeNull();
    expect(countInputPlaceholders(template ?? '')).toBe(1);
  });

  it('validTemplate rejects a unit whose parts carry a second placeholder', () => {
    expect(validTemplate({ instruction: 'Use {{input}}.', context: [], inputBlock: '{{input}}' })).toBeNull();
  });
});

describe('templateHash', () => {
  it('is stable per template and differs between templates', () => {
    expect(templateHash('a {{input}}')).toBe(templateHash('a {{input}}'));
    expect(templateHash('a {{input}}')).not.toBe(templateHash('b {{input}}'));
    expect(templateHash('a {{input}}')).toMatch(/^[0-9a-f]{32}$/);
  });
});
