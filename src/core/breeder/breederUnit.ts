import { z } from 'zod';
import { DEFAULT_EXAMPLE_POLICY, examplePolicySchema } from '../examples/examplePolicy';
import type { Prompt } from '../runner/prompt';
import { countInputPlaceholders, INPUT_PLACEHOLDER } from '../skills/renderPrompt';

/**
 * One member of the population, after Fernando et al. 2023: a task prompt (here the instruction
 * block of the template), the mutation prompt that evolves it, and the few-shot context of correct
 * examples. The template a skill runs is {@link unitTemplate}: instruction, context, input slot.
 */
export const breederUnitSchema = z.object({
  id: z.string(),
  instruction: z.string(),
  /** Few-shot blocks: a formatted input, a newline, the JSON output. */
  context: z.array(z.string()),
  /** The block that holds `{{input}}`, usually just `{{input}}`. */
  inputBlock: z.string(),
  /** Which bank examples the prompt shows before the task (units stored before policies: the default). */
  examples: examplePolicySchema.default(() => ({ ...DEFAULT_EXAMPLE_POLICY, fixed: [] })),
  mutationPrompt: z.string(),
  /** The operator that made it; `original` for the prompt that was active, `initial` for seeds. */
  operator: z.string(),
  parent: z.string().nullable(),
  /** One line on how it came about, shown beside the variant. */
  reasoning: z.string(),
  /** Generation it was born in (0 = initial population). */
  born: z.int().nonnegative(),
  /** Where an idea it carries came from in another skill (`structure from file-naming v3`); kept by its children. */
  origin: z.string().optional(),
  /**
   * Set on a child not yet compared with its parent. Children are scored when a tournament first
   * draws them, not at birth, and their operator, mutation prompt and thinking style are credited
   * then; a child no tournament drew is never measured and never credited.
   */
  credit: z
    .object({
      parent: z.object({ template: z.string(), examples: examplePolicySchema }),
      /** The thinking style a zero-order hyper-mutation used, else `null`. */
      thinkingStyle: z.string().nullable(),
    })
    .optional(),
});
export type BreederUnit = z.infer<typeof breederUnitSchema>;

export type UnitParts = Pick<BreederUnit, 'instruction' | 'context' | 'inputBlock'>;

/**
 * Splits a template into blank-line separated blocks: the first is the instruction, the block with
 * `{{input}}` is the input slot, and those between are few-shot context. Every built-in v1 prompt
 * has that shape; text after the input block is kept with it.
 *
 * @throws Error when the template does not hold `{{input}}` exactly once.
 */
export function splitTemplate(template: string): UnitParts {
  if (countInputPlaceholders(template) !== 1) {
    throw new Error(`template must contain ${INPUT_PLACEHOLDER} exactly once`);
  }
  const blocks = template
    .trim()
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim());
  const slot = blocks.findIndex((block) => block.includes(INPUT_PLACEHOLDER));
  if (slot === 0) return { instruction: '', context: [], inputBlock: blocks.join('\n\n') };
  return {
    instruction: blocks[0] ?? '',
    context: blocks.slice(1, slot),
    inputBlock: blocks.slice(slot).join('\n\n'),
  };
}

/** The runnable template of a unit; the inverse of {@link splitTemplate} up to whitespace. */
export function unitTemplate(unit: UnitParts): string {
  return `${[unit.instruction, ...unit.context, unit.inputBlock].filter((b) => b.trim() !== '').join('\n\n')}\n`;
}

/** What a unit runs: its template and its example policy. */
export function unitPrompt(unit: UnitParts & Pick<BreederUnit, 'examples'>): Prompt {
  return { template: unitTemplate(unit), examples: unit.examples };
}

const PLACEHOLDERS = /\{\{\s*[a-z_]*\s*\}\}/gi;
const CHAT_MARKERS = /<\|[^|>]*\|>/g;
const LABEL = /^(?:new |improved |mutated )?(?:instruction|prompt|task prompt)(?: mutant)?\s*[:=]\s*/i;

/**
 * Turns mutator text into a usable instruction, or `null` when nothing usable is left.
 * Generated text must never carry a placeholder (the template's single `{{input}}` lives in the input
 * block), chat-template markers or a label the model echoed; a run-on answer is cut at its first
 * blank line.
 *
 * @param maxChars - longest instruction kept. @default 700
 */
export function cleanInstruction(text: string, maxChars = 700): string | null {
  let cleaned = text
    .replace(CHAT_MARKERS, ' ')
    .replace(PLACEHOLDERS, 'the input')
    .replace(/```[a-z]*/g, '');
  cleaned = cleaned.trim().replace(LABEL, '');
  cleaned = (cleaned.split(/\n[ \t]*\n/)[0] ?? '').trim();
  cleaned = cleaned
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  if (cleaned.length > maxChars) {
    const cut = cleaned.slice(0, maxChars);
    const end = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('. '));
    cleaned = (end > maxChars / 2 ? cut.slice(0, end + 1) : cut).trim();
  }
  const words = cleaned.split(/\s+/).filter((w) => /[a-z]/i.test(w));
  return words.length >= 4 ? cleaned : null;
}

/** A context block must not smuggle a second placeholder in from user text. */
export function safeContextBlock(block: string): string {
  return block.replace(PLACEHOLDERS, (m) => m.replace(/\{\{/, '{ {').replace(/\}\}/, '} }')).trim();
}

/**
 * The unit's template if it is runnable, else `null`: exactly one `{{input}}` (the repair happens in
 * {@link cleanInstruction} and {@link safeContextBlock}; this is the final gate).
 */
export function validTemplate(unit: UnitParts): string | null {
  const template = unitTemplate(unit);
  return countInputPlaceholders(template) === 1 ? template : null;
}
