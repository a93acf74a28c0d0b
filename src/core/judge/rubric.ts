import { z } from 'zod';

/** The seed's five judge dimensions, each scored 0–10, in the order the judge answers them. */
export const rubricDimensions = ['grammar', 'relevance', 'specificity', 'clarity', 'consistency'] as const;
export type RubricDimension = (typeof rubricDimensions)[number];
export type RubricScores = Readonly<Record<RubricDimension, number>>;

/** The seed's weights, in percent so the weighted sum is exact integer arithmetic (sums to 100). */
export const rubricWeightPercents: Readonly<Record<RubricDimension, number>> = {
  grammar: 15,
  relevance: 30,
  specificity: 25,
  clarity: 20,
  consistency: 10,
};

/** What each dimension means, as the judge is told. */
export const rubricCriteria: Readonly<Record<RubricDimension, string>> = {
  grammar: 'correct, fluent English',
  relevance: 'asks for exactly the task described, nothing else',
  specificity: 'concrete rules, formats and examples rather than vague advice',
  clarity: 'easy to follow, unambiguous, well organised',
  consistency: 'its rules, examples and sample outputs agree with each other',
};

/** Highest score per dimension. */
export const RUBRIC_MAX = 10;
/** Characters of the judge's one-line reason that are kept. */
export const JUDGE_REASON_MAX_CHARS = 160;

const dimensionScore = z.int().min(0).max(RUBRIC_MAX);

/**
 * The judge's answer, parsed at the model boundary. The reason is cut rather than refused: a long
 * reason is not a wrong score, and the cloud tier cannot be held to a length by its schema.
 */
export const judgeAnswerSchema = z.object({
  grammar: dimensionScore,
  relevance: dimensionScore,
  specificity: dimensionScore,
  clarity: dimensionScore,
  consistency: dimensionScore,
  reason: z.string().transform((text) => text.trim().slice(0, JUDGE_REASON_MAX_CHARS)),
});
export type JudgeAnswer = z.output<typeof judgeAnswerSchema>;

const scoreValues = Array.from({ length: RUBRIC_MAX + 1 }, (_, i) => i);

/**
 * JSON Schema for the judge's answer. The reason comes first: generated before the scores, it gives
 * a small model something to score from (scores first, SmolLM2-135M answered 10,0,0,0,0 for every
 * prompt). Scores are enums because node-llama-cpp's grammar ignores numeric bounds but honours
 * `enum`; `maxLength` keeps a small model from rambling past the token cap (the cloud adapter drops
 * it, as strict schemas may not allow it).
 */
export const judgeAnswerJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    reason: { type: 'string', maxLength: 120 },
    ...Object.fromEntries(rubricDimensions.map((d) => [d, { type: 'integer', enum: scoreValues }])),
  },
  required: ['reason', ...rubricDimensions],
  additionalProperties: false,
};

/**
 * The rubric's weighted score: Σ weight·score × 10, on 0–100 with one decimal
 * (e.g. all dimensions at 7 → 70).
 *
 * @throws RangeError when a dimension is not an integer in 0–10.
 */
export function weightedScore(scores: RubricScores): number {
  let tenths = 0;
  for (const dimension of rubricDimensions) {
    const value = scores[dimension];
    if (!Number.isInteger(value) || value < 0 || value > RUBRIC_MAX) {
      throw new RangeError(`rubric ${dimension} must be an integer 0–${RUBRIC_MAX}, got ${value}`);
    }
    tenths += rubricWeightPercents[dimension] * value;
  }
  return tenths / 10;
}

/**
 * Whether a weighted score survives screening: scores below `rejectBelow` are rejected.
 *
 * @param rejectBelow config `judge.reject_below`. @default 70
 */
export function passesRubric(score: number, rejectBelow = 70): boolean {
  return score >= rejectBelow;
}

/**
 * The candidate that may be promoted without a vote: the single best score, at or above
 * `autoPromoteAt`, strictly above every other score (a tie is not "uniquely best"). `null` otherwise.
 *
 * @param autoPromoteAt config `judge.auto_promote_at`. @default 90
 */
export function uniquelyBest<T extends { score: number }>(
  scored: readonly T[],
  autoPromoteAt = 90,
): T | null {
  let best: T | null = null;
  let tied = false;
  for (const item of scored) {
    if (best === null || item.score > best.score) {
      best = item;
      tied = false;
    } else if (item.score === best.score) {
      tied = true;
    }
  }
  return best !== null && !tied && best.score >= autoPromoteAt ? best : null;
}
