import type { AnySkillDefinition } from '../skills/skillRegistry';
import { formatStoredInput } from '../skills/skillRegistry';
import { rubricCriteria, rubricDimensions } from './rubric';

/** One example the judge sees: a task input, what the candidate produced, what the user wanted. */
export interface JudgeSample {
  input: unknown;
  output: unknown;
  /** An accepted output or a user's correction, when there is one. */
  reference?: unknown;
}

export interface JudgePromptOptions {
  /** Characters of the candidate template shown. @default 3000 */
  maxTemplateChars?: number;
  /** Samples shown. @default 2 */
  maxSamples?: number;
  /** Characters per sample field (input, output, expected). @default 400 */
  maxSampleChars?: number;
}

export const JUDGE_SYSTEM =
  'You review prompts written for a small AI model. Score each criterion from 0 (bad) to 10 (excellent). Answer with JSON only.';

function cut(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

function compactJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * The judge's messages for one candidate prompt. The part that is the same for every candidate of a
 * skill (criteria, task) comes first so a local model reuses its evaluation across candidates.
 */
export function judgePrompt(
  skill: AnySkillDefinition,
  template: string,
  samples: readonly JudgeSample[],
  options: JudgePromptOptions = {},
): { system: string; user: string } {
  const maxSampleChars = options.maxSampleChars ?? 400;
  const criteria = rubricDimensions.map((d) => `- ${d}: ${rubricCriteria[d]}`).join('\n');
  const lines = [
    `Criteria:\n${criteria}`,
    `The prompt's task: ${skill.description}`,
    `{{input}} marks where each task's input is inserted.`,
    `Prompt to review:\n<<<\n${cut(template, options.maxTemplateChars ?? 3000)}\n>>>`,
  ];
  const shown = samples.slice(0, options.maxSamples ?? 2);
  if (shown.length > 0) {
    const blocks = shown.map((sample, i) => {
      const parts = [
        `Example ${i + 1} input:\n${cut(formatStoredInput(skill, sample.input), maxSampleChars)}`,
        `Output of the prompt: ${cut(compactJson(sample.output), maxSampleChars)}`,
      ];
      if (sample.reference !== undefined) {
        parts.push(`What the user wanted: ${cut(compactJson(sample.reference), maxSampleChars)}`);
      }
      return parts.join('\n');
    });
    lines.push(`What this prompt produced:\n${blocks.join('\n\n')}`);
  }
  // No JSON template with placeholders here: a small model copies it verbatim (all zeros, reason
  // "one short sentence"); the grammar already fixes the keys.
  lines.push(
    'First give a reason: one sentence naming the main strength or weakness of the prompt. Then score each criterion with an integer from 0 to 10.',
  );
  return { system: JUDGE_SYSTEM, user: lines.join('\n\n') };
}
