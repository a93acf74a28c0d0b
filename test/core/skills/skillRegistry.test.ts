import { describe, expect, it } from 'vitest';
import { countInputPlaceholders, renderPrompt } from '../../../src/core/skills/renderPrompt';
import {
  formatStoredInput,
  getSkill,
  isSkillId,
  outputJsonSchema,
  scoreStored,
  skillIds,
  skills,
} from '../../../src/core/skills/skillRegistry';
import { loadSkillFixture } from './loadSkillFixture';

/** Keywords node-llama-cpp's JSON-schema grammar understands (plus `$schema`, which it ignores). */
const GRAMMAR_KEYWORDS = new Set([
  '$schema',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'description',
]);

function schemaKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) schemaKeywords(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value !== null && typeof value === 'object') {
        found.add(key);
        for (const child of Object.values(value)) schemaKeywords(child, found);
      } else if (key !== 'enum' && key !== 'required') {
        found.add(key);
        schemaKeywords(value, found);
      } else {
        found.add(key);
      }
    }
  }
  return found;
}

/** Optional properties and unbounded arrays: both let a small model ramble or skip fields. */
function grammarProblems(node: unknown, path = '$'): string[] {
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const problems: string[] = [];
  if (record.type === 'object') {
    const required = (record.required ?? []) as string[];
    for (const name of Object.keys((record.properties ?? {}) as object)) {
      if (!required.includes(name)) problems.push(`${path}.${name} is optional`);
    }
  }
  if (record.type === 'array' && typeof record.maxItems !== 'number')
    problems.push(`${path} has no maxItems`);
  for (const [key, value] of Object.entries(record))
    problems.push(...grammarProblems(value, `${path}.${key}`));
  return problems;
}

describe('skill registry', () => {
  it('holds the four skills of DESIGN §5 in order, each under its own id', () => {
    expect(skillIds).toEqual(['file-naming', 'code-linting', 'markdown-analysis', 'audio-actions']);
    expect(skills.map((skill) => skill.id)).toEqual(skillIds);
    for (const id of skillIds) expect(getSkill(id).id).toBe(id);
  });

  it('evolves every skill automatically except code linting', () => {
    expect(skills.filter((skill) => !skill.evolveAutomatically).map((skill) => skill.id)).toEqual([
      'code-linting',
    ]);
  });

  it('names the unknown id and the known ones when a lookup fails', () => {
    expect(() => getSkill('image-tagging')).toThrow(
      'Unknown skill "image-tagging". Known skills: file-naming, code-linting, markdown-analysis, audio-actions.',
    );
  });

  it('recognises skill ids only', () => {
    expect(isSkillId('audio-actions')).toBe(true);
    expect(isSkillId('Audio-Actions')).toBe(false);
    expect(isSkillId(42)).toBe(false);
  });
});

describe.each(skills.map((skill) => [skill.id, skill] as const))('%s', (id, skill) => {
  const fixture = loadSkillFixture(id);

  it('has a description and a positive token budget', () => {
    expect(skill.description.length).toBeGreaterThan(60);
    expect(skill.maxOutputTokens).toBeGreaterThan(0);
  });

  it('has a compact v1 prompt with exactly one {{input}}', () => {
    expect(countInputPlaceholders(skill.promptV1)).toBe(1);
    // ~350 tokens; JSON examples tokenize denser than prose, so this is the ceiling, not the aim.
    expect(skill.promptV1.length).toBeLessThanOrEqual(1500);
  });

  it('shows 3 to 5 examples, each a valid output under the format rules', () => {
    const examples = skill.promptV1.split('\n').filter((line) => line.startsWith('{"'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(examples.length).toBeLessThanOrEqual(5);
    for (const line of examples) {
      const parsed = skill.outputSchema.safeParse(JSON.parse(line));
      expect(parsed.error?.issues ?? [], line).toEqual([]);
    }
  });

  it('renders the v1 prompt for every fixture input with nothing left to fill', () => {
    for (const { input } of fixture) {
      const formatted = formatStoredInput(skill, input);
      const prompt = renderPrompt(skill.promptV1, formatted);
      expect(prompt).toContain(formatted);
      // The input itself may hold `{{` (JSX style objects); only the template around it must not.
      expect(prompt.replace(formatted, '')).not.toContain('{{');
    }
  });

  it('has fixture references that are valid outputs and score 1 against themselves', () => {
    for (const { id: caseId, reference } of fixture) {
      const parsed = skill.outputSchema.safeParse(reference);
      expect(parsed.error?.issues ?? [], caseId).toEqual([]);
      expect(scoreStored(skill, reference, reference), caseId).toBe(1);
    }
  });

  it('scores one fixture output against another fixture reference lower than against its own', () => {
    const [first, second] = fixture;
    if (first === undefined || second === undefined) throw new Error(`${id} needs two fixture cases`);
    expect(scoreStored(skill, first.reference, second.reference)).toBeLessThan(0.5);
  });

  it('exports its output schema as grammar-friendly JSON Schema: known keywords, every property required', () => {
    const schema = outputJsonSchema(skill);
    expect(schema.type).toBe('object');
    const unknown = [...schemaKeywords(schema)].filter((keyword) => !GRAMMAR_KEYWORDS.has(keyword));
    expect(unknown).toEqual([]);
    expect(grammarProblems(schema)).toEqual([]);
  });

  it('refuses stored JSON that does not have the skill’s structure', () => {
    expect(() => scoreStored(skill, { nonsense: true }, fixture[0]?.reference)).toThrow();
    expect(() => formatStoredInput(skill, { nonsense: true })).toThrow();
  });
});
