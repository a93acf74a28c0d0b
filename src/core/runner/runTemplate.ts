import type { z } from 'zod';
import type { Completion, LanguageModel } from '../llm/languageModel';
import { renderPrompt } from '../skills/renderPrompt';
import { type AnySkillDefinition, formatStoredInput, outputJsonSchema } from '../skills/skillRegistry';

/** Model output that parsed as JSON but does not have the skill's structure. */
export class OutputSchemaError extends Error {
  override readonly name = 'OutputSchemaError';
  constructor(
    readonly skill: string,
    readonly issues: readonly z.core.$ZodIssue[],
    readonly text: string,
  ) {
    const issue = issues[0];
    super(
      `${skill} output failed its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
}

export interface TemplateRun {
  /** Parsed with the skill's structural schema; format rules are the scorer's business. */
  output: unknown;
  /** Whether the output also passes the skill's format rules (kebab-case, lengths…). */
  valid: boolean;
  completion: Completion;
}

const grammarSchemas = new WeakMap<AnySkillDefinition, Record<string, unknown>>();

/**
 * The grammar accepts a subset of JSON Schema: drop the `$schema` marker and the ±2^53 integer bounds
 * zod adds, which only bloat the grammar.
 */
export function grammarSchema(skill: AnySkillDefinition): Record<string, unknown> {
  // Built once per skill: every run (and the breeder's hundreds) would otherwise redo the conversion.
  const cached = grammarSchemas.get(skill);
  if (cached) return cached;
  const schema = JSON.parse(
    JSON.stringify(outputJsonSchema(skill), (key, value) => {
      if (key === '$schema') return undefined;
      if ((key === 'minimum' || key === 'maximum') && Math.abs(value as number) >= Number.MAX_SAFE_INTEGER) {
        return undefined;
      }
      return value;
    }),
  ) as Record<string, unknown>;
  grammarSchemas.set(skill, schema);
  return schema;
}

/**
 * Runs one prompt template on one task input: the single place where a skill meets the model, used
 * by the runner, the breeder's fitness and the final evaluation.
 *
 * @throws OutputSchemaError when the model's JSON does not have the skill's structure.
 */
export async function runTemplate(
  model: LanguageModel,
  skill: AnySkillDefinition,
  template: string,
  input: unknown,
  options: { signal?: AbortSignal; maxTokens?: number } = {},
): Promise<TemplateRun> {
  const completion = await model.complete({
    user: renderPrompt(template, formatStoredInput(skill, input)),
    jsonSchema: grammarSchema(skill),
    maxTokens: options.maxTokens ?? skill.maxOutputTokens,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const parsed = skill.rawOutputSchema.safeParse(completion.json);
  if (!parsed.success) throw new OutputSchemaError(skill.id, parsed.error.issues, completion.text);
  return { output: parsed.data, valid: skill.outputSchema.safeParse(parsed.data).success, completion };
}
