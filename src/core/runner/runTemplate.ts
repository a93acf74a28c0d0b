import type { z } from 'zod';
import type { Demonstration } from '../examples/selectExamples';
import type { ChatTurn, Completion, LanguageModel } from '../llm/languageModel';
import { INPUT_PLACEHOLDER, renderPrompt } from '../skills/renderPrompt';
import type { SkillDefinition } from '../skills/skillDefinition';
import { type AnySkillDefinition, outputJsonSchema } from '../skills/skillRegistry';

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
  /** Task ids of the demonstrations the prompt showed, in prompt order. */
  demonstrations: string[];
}

const grammarSchemas = new WeakMap<AnySkillDefinition, Record<string, unknown>>();

/** JSON Schema as the grammar takes it: without the `$schema` marker and the ±2^53 integer bounds zod adds. */
export function toGrammarSchema(schema: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(schema, (key, value) => {
      if (key === '$schema') return undefined;
      if ((key === 'minimum' || key === 'maximum') && Math.abs(value as number) >= Number.MAX_SAFE_INTEGER) {
        return undefined;
      }
      return value;
    }),
  ) as Record<string, unknown>;
}

/** The static output grammar's schema of a skill (for skills without a per-input one). */
export function grammarSchema(skill: AnySkillDefinition): Record<string, unknown> {
  // Built once per skill: every run (and the breeder's hundreds) would otherwise redo the conversion.
  const cached = grammarSchemas.get(skill);
  if (cached) return cached;
  const schema = toGrammarSchema(outputJsonSchema(skill));
  grammarSchemas.set(skill, schema);
  return schema;
}

/**
 * The messages of one run. Without demonstrations: the rendered template as the only user message
 * (v1 runs exactly as before the example bank). With them: the template's text before `{{input}}`
 * opens the first turn, each demonstration is a user turn (its input) and an assistant turn (what
 * the skill writes for its output), and the task's input is the last user message — so the
 * instruction stays the shared prefix whose evaluation the model reuses across calls.
 */
export function promptMessages(
  template: string,
  inputText: string,
  shown: readonly { inputText: string; answer: string }[],
): { turns: ChatTurn[]; user: string } {
  if (shown.length === 0) return { turns: [], user: renderPrompt(template, inputText) };
  renderPrompt(template, inputText); // the same placeholder check
  const [before = '', after = ''] = template.split(INPUT_PLACEHOLDER);
  const turns = shown.map((d, i) => ({
    user: `${i === 0 ? before : ''}${d.inputText}${after}`.trimEnd(),
    assistant: d.answer,
  }));
  return { turns, user: `${inputText}${after}`.trimEnd() };
}

export interface RunTemplateOptions {
  signal?: AbortSignal;
  /** Generation cap; @default the skill's maxOutputTokens. */
  maxTokens?: number;
  /** Bank examples to show before the task, in prompt order (see selectExamples). @default none */
  demonstrations?: readonly Demonstration[];
  /** Generate only what the scorer reads (fitness). @default false */
  scoreOnly?: boolean;
  /** Also the answers a user may pick instead (file naming's alternatives). @default false */
  alternatives?: boolean;
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
  options: RunTemplateOptions = {},
): Promise<TemplateRun> {
  return withSkillTypes(skill, (s) => runTyped(model, s, template, input, options));
}

async function runTyped<I, O, R>(
  model: LanguageModel,
  skill: SkillDefinition<I, O, R>,
  template: string,
  input: unknown,
  options: RunTemplateOptions,
): Promise<TemplateRun> {
  const parsedInput = skill.inputSchema.parse(input);
  const inputText = skill.formatInput(parsedInput);
  const shown = (options.demonstrations ?? []).flatMap((d) => {
    const answer = skill.demonstration(d.output);
    return answer === null ? [] : [{ task: d.task, inputText: d.inputText, output: d.output, answer }];
  });
  const messages = promptMessages(template, inputText, shown);
  const request = { ...messages, ...(options.signal ? { signal: options.signal } : {}) };
  let output: unknown;
  let completion: Completion;
  if (skill.generate) {
    const generated = await skill.generate({
      model,
      request,
      input: parsedInput,
      demonstrations: shown,
      scoreOnly: options.scoreOnly ?? false,
      alternatives: options.alternatives ?? false,
    });
    output = generated.output;
    completion = generated.completion;
  } else {
    completion = await model.complete({
      ...request,
      jsonSchema: skill.outputJsonSchemaFor
        ? toGrammarSchema(skill.outputJsonSchemaFor(parsedInput))
        : grammarSchema(skill as unknown as AnySkillDefinition),
      maxTokens: options.maxTokens ?? skill.maxOutputTokens,
    });
    output = completion.json;
  }
  const parsed = skill.rawOutputSchema.safeParse(skill.finish ? skill.finish(output, parsedInput) : output);
  if (!parsed.success) throw new OutputSchemaError(skill.id, parsed.error.issues, completion.text);
  return {
    output: parsed.data,
    valid: skill.outputSchema.safeParse(parsed.data).success,
    completion,
    demonstrations: shown.map((d) => d.task),
  };
}

function withSkillTypes<T>(skill: AnySkillDefinition, body: <I, O, R>(s: SkillDefinition<I, O, R>) => T): T {
  return body(skill as SkillDefinition<unknown, unknown, unknown>);
}
