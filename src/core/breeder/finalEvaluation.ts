import { type Prompt, promptKey } from '../runner/prompt';
import type { BreedingExample } from './breedingExamples';
import type { FitnessEvaluator } from './fitnessEvaluator';
import { BudgetExhaustedError } from './runBudget';

/** Examples scored between two looks at the finalists. */
export const FINAL_CHUNK = 10;
/** Standard errors a paired difference must clear to reject a finalist or settle an order. */
export const FINAL_Z = 2;

export interface FinalistScore {
  prompt: Prompt;
  /** Mean score over the examples it was scored on. */
  fitness: number;
  /** Examples scored. */
  n: number;
  rejectedEarly: boolean;
}

function paired(evaluator: FitnessEvaluator, a: Prompt, b: Prompt, sample: readonly BreedingExample[]) {
  const diffs: number[] = [];
  for (const e of sample) {
    const sa = evaluator.known(a, e);
    const sb = evaluator.known(b, e);
    if (sa !== undefined && sb !== undefined) diffs.push(sa - sb);
  }
  const n = diffs.length;
  const mean = n === 0 ? 0 : diffs.reduce((s, d) => s + d, 0) / n;
  const variance =
    n < 2 ? Number.POSITIVE_INFINITY : diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
  // A zero variance on a handful of examples is luck, not certainty: floor it.
  return { mean, se: Math.sqrt(Math.max(variance, 0.0025) / Math.max(n, 1)), n };
}

function meanKnown(evaluator: FitnessEvaluator, prompt: Prompt, sample: readonly BreedingExample[]) {
  let sum = 0;
  let n = 0;
  for (const e of sample) {
    const s = evaluator.known(prompt, e);
    if (s !== undefined) {
      sum += s;
      n++;
    }
  }
  return { fitness: n === 0 ? 0 : sum / n, n };
}

/**
 * The final evaluation as a race (successive rejection): finalists are scored on the same examples in
 * chunks; after each chunk a finalist whose paired difference to the `keep`-th best is below
 * −{@link FINAL_Z} standard errors is dropped, and scoring stops once `keep` remain and their order
 * is settled the same way, the examples run out, or the budget does. So weak finalists cost a chunk
 * or two, not the full sample.
 *
 * @returns every finalist, best first; the early-rejected ones flagged.
 */
export async function finalEvaluation(
  evaluator: FitnessEvaluator,
  finalists: readonly Prompt[],
  sample: readonly BreedingExample[],
  keep: number,
  onChunk?: (done: number, total: number) => void,
): Promise<FinalistScore[]> {
  const alive = new Map(finalists.map((p) => [promptKey(p), p]));
  const rejected = new Set<string>();
  const ranked = () =>
    [...alive.values()].sort(
      (a, b) => meanKnown(evaluator, b, sample).fitness - meanKnown(evaluator, a, sample).fitness,
    );
  try {
    for (let start = 0; start < sample.length; start += FINAL_CHUNK) {
      const chunk = sample.slice(0, start + FINAL_CHUNK);
      const fresh = sample.slice(start, start + FINAL_CHUNK);
      for (const prompt of alive.values())
        for (const example of fresh) await evaluator.score(prompt, example);
      onChunk?.(Math.min(sample.length, start + FINAL_CHUNK), sample.length);
      const order = ranked();
      const bar = order[Math.min(keep, order.length) - 1];
      if (bar !== undefined && order.length > keep) {
        for (const prompt of order.slice(keep)) {
          const d = paired(evaluator, prompt, bar, chunk);
          if (d.mean + FINAL_Z * d.se < 0) {
            alive.delete(promptKey(prompt));
            rejected.add(promptKey(prompt));
          }
        }
      }
      const top = ranked();
      const settled =
        top.length <= keep &&
        top.every((t, i) => {
          const next = top[i + 1];
          if (next === undefined) return true;
          const d = paired(evaluator, t, next, chunk);
          return d.mean - FINAL_Z * d.se > 0;
        });
      if (settled) break;
    }
  } catch (error) {
    if (!(error instanceof BudgetExhaustedError)) throw error;
  }
  return finalists
    .map((prompt) => ({
      prompt,
      ...meanKnown(evaluator, prompt, sample),
      rejectedEarly: rejected.has(promptKey(prompt)),
    }))
    .sort((a, b) => Number(a.rejectedEarly) - Number(b.rejectedEarly) || b.fitness - a.fitness);
}
