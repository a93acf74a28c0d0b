import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diverseSubset, isNearDuplicate, textSimilarity } from '../../../src/core/breeder/diversityFilter';
import { DEFAULT_EXAMPLE_POLICY } from '../../../src/core/examples/examplePolicy';

const unit = (instruction: string, context: string[] = ['name: a.pdf\n{"filename":"a-b.pdf"}']) => ({
  instruction,
  context,
  inputBlock: '{{input}}',
});

describe('textSimilarity', () => {
  it('is 1 for the same words and 0 for disjoint ones', () => {
    expect(textSimilarity('Use the names in the content.', 'use the names in the content')).toBe(1);
    expect(textSimilarity('alpha beta gamma', 'delta epsilon zeta')).toBe(0);
  });
});

describe('isNearDuplicate', () => {
  const base = 'Name the file in kebab-case. Put the subject first, then the document type, then the date.';

  it('flags a reworded copy with one word changed', () => {
    expect(isNearDuplicate(unit(base), unit(`${base} Keep it short.`))).toBe(true);
  });

  it('keeps a different instruction', () => {
    expect(
      isNearDuplicate(unit(base), unit('List the three most specific facts, then join them with hyphens.')),
    ).toBe(false);
  });

  it('keeps the same instruction with different few-shot examples', () => {
    expect(
      isNearDuplicate(unit(base), unit(base, ['name: z.txt\n{"filename":"garden-plan-notes.txt"}'])),
    ).toBe(false);
  });
});

describe('diverseSubset', () => {
  it('drops copies of the original and of better-ranked units, keeping rank order', () => {
    const original = unit('You rename files. Use kebab-case and the subject first.');
    const ranked = [
      unit('You rename files. Use kebab-case and the subject first.'),
      unit('Pick the names, places and dates from the content and join them with hyphens.'),
      unit('Pick the names, places and dates from the content and join them with hyphens!'),
      unit('Start with who or what the file is about, then what kind of document it is.'),
    ];
    expect(diverseSubset(ranked, [original]).map((u) => u.instruction)).toEqual([
      ranked[1]?.instruction,
      ranked[3]?.instruction,
    ]);
    expect(diverseSubset(ranked, [original], 1)).toHaveLength(1);
  });

  it('never keeps two near-duplicates (property)', () => {
    const words = fc.constantFrom(
      'name',
      'file',
      'date',
      'subject',
      'kebab',
      'case',
      'type',
      'short',
      'use',
      'the',
    );
    const instruction = fc.array(words, { minLength: 2, maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(instruction, { maxLength: 12 }), (texts) => {
        const kept = diverseSubset(
          texts.map((t) => unit(t)),
          [],
        );
        kept.forEach((a, i) => {
          for (const b of kept.slice(i + 1)) expect(isNearDuplicate(a, b)).toBe(false);
        });
      }),
    );
  });
});

describe('call-free fallback seeds', () => {
  it('differ from the v1 prompt and from each other', async () => {
    const { fallbackUnit } = await import('../../../src/core/breeder/initialPopulation');
    const { splitTemplate } = await import('../../../src/core/breeder/breederUnit');
    const { fileNamingPromptV1 } = await import('../../../src/core/skills/fileNaming');
    const original = {
      id: 'u0',
      ...splitTemplate(fileNamingPromptV1),
      examples: DEFAULT_EXAMPLE_POLICY,
      mutationPrompt: '',
      operator: 'original',
      parent: null,
      reasoning: '',
      born: 0,
    };
    const seeds = [1, 2, 3, 4].map((slot) => fallbackUnit(original, slot, 'Think step by step.', 'm'));
    expect(diverseSubset(seeds, [original])).toHaveLength(4);
  });
});
