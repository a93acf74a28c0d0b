import type { z } from 'zod';
import type { LanguageModel } from '../llm/languageModel';
import type { AnySkillDefinition } from '../skills/skillRegistry';
import { type JudgePromptOptions, type JudgeSample, judgePrompt } from './judgePrompt';
import { judgeAnswerJsonSchema, judgeAnswerSchema, type RubricScores, weightedScore } from './rubric';

/** Tokens the judge may spend on its answer: five small integers and one short sentence fit in ~70. */
export const JUDGE_MAX_TOKENS = 120;

/** A judge's verdict on one candidate prompt; stored as the variant's `judge_score` JSON. */
export interface JudgeScore {
  dimensions: RubricScores;
  /** Weighted, 0–100. */
  score: number;
  reason: string;
  /** The model that judged (manifest id, file name or `cloud:<model>`). */
  model: string;
}

/** The judge answered, but not in the rubric's shape (or not JSON at all). */
export class JudgeAnswerError extends Error {
  override readonly name = 'JudgeAnswerError';
  constructor(
    readonly model: string,
    readonly issues: readonly z.core.$ZodIssue[],
    readonly text: string,
  ) {
    const issue = issues[0];
    super(
      `judge ${model} gave an answer outside the rubric at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
}

/**
 * Scores one candidate template on the rubric through any {@link LanguageModel} (local judge GGUF,
 * cloud endpoint or the backup SmolLM2), under the rubric's JSON schema, and validates the answer.
 *
 * @throws JudgeAnswerError when the answer does not fit the rubric.
 */
export async function judgeCandidate(
  model: LanguageModel,
  skill: AnySkillDefinition,
  template: string,
  samples: readonly JudgeSample[],
  options: JudgePromptOptions & { signal?: AbortSignal } = {},
): Promise<JudgeScore> {
  const { system, user } = judgePrompt(skill, template, samples, options);
  const completion = await model.complete({
    system,
    user,
    jsonSchema: judgeAnswerJsonSchema,
    maxTokens: JUDGE_MAX_TOKENS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const parsed = judgeAnswerSchema.safeParse(completion.json);
  if (!parsed.success) throw new JudgeAnswerError(completion.model, parsed.error.issues, completion.text);
  const { reason, ...dimensions } = parsed.data;
  return { dimensions, score: weightedScore(dimensions), reason, model: completion.model };
}
