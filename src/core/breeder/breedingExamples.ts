import type { CoreContext } from '../coreContext';
import { type AnySkillDefinition, formatStoredInput, scoreStored } from '../skills/skillRegistry';
import { safeContextBlock } from './breederUnit';

/**
 * A stored task with the user's verdict, as the breeder scores against it.
 * - `success`: accepted; the reference is the accepted output.
 * - `failure`: corrected; the reference is the correction, `rejected` the output it replaced.
 * - `negative`: rejected without a correction; only `rejected` is known, and reproducing it is bad.
 */
export interface BreedingExample {
  id: string;
  input: unknown;
  kind: 'success' | 'failure' | 'negative';
  reference: unknown;
  rejected: unknown;
  /** A full output the user stands behind (accepted, or the run's output with the correction laid over it). */
  good: unknown;
}

/** The skill's example bank as the breeder scores against it, newest first; at most `limit`. @default 500 */
export function loadBreedingExamples(
  ctx: CoreContext,
  skill: AnySkillDefinition,
  limit = 500,
): BreedingExample[] {
  return ctx.store.examples.list(skill.id, { limit }).flatMap((row): BreedingExample[] => {
    const task = ctx.store.tasks.getTask(row.task);
    if (!task) return [];
    const base = { id: row.task, input: task.input };
    switch (row.kind) {
      case 'accepted':
        return [{ ...base, kind: 'success', reference: row.output, rejected: null, good: row.output }];
      case 'corrected':
        return [
          { ...base, kind: 'failure', reference: row.reference, rejected: row.rejected, good: row.output },
        ];
      case 'negative':
        return [{ ...base, kind: 'negative', reference: null, rejected: row.rejected, good: null }];
      default:
        return row.kind satisfies never;
    }
  });
}

/**
 * Score of one output on one example, in [0, 1]: the skill's scorer against the reference; for a
 * rejected-only example, one minus the likeness to the output the user rejected, so reproducing it
 * scores 0.
 */
export function scoreOnExample(skill: AnySkillDefinition, example: BreedingExample, output: unknown): number {
  try {
    if (example.kind === 'negative') return 1 - scoreStored(skill, output, example.rejected);
    return scoreStored(skill, output, example.reference);
  } catch {
    return 0;
  }
}

/** Share of the tournament sample taken from failures (corrections), then negatives, then successes. */
export const FAILURE_SHARE = 0.7;
export const NEGATIVE_SHARE = 0.1;

/**
 * The tournament's evaluation sample, fixed for a run so fitness values are comparable and cached:
 * mostly recent failures, a few rejected-only ones, some successes; a short kind is filled from the
 * others, newest first.
 */
export function chooseEvaluationSet(examples: readonly BreedingExample[], size: number): BreedingExample[] {
  const failures = examples.filter((e) => e.kind === 'failure');
  const negatives = examples.filter((e) => e.kind === 'negative');
  const successes = examples.filter((e) => e.kind === 'success');
  const wantFail = Math.round(size * FAILURE_SHARE);
  const wantNeg = Math.min(negatives.length, Math.floor(size * NEGATIVE_SHARE));
  const picked = [...failures.slice(0, wantFail), ...negatives.slice(0, wantNeg)];
  picked.push(...successes.slice(0, size - picked.length));
  const rest = examples.filter((e) => !picked.includes(e));
  picked.push(...rest.slice(0, size - picked.length));
  return picked;
}

/** The final evaluation: the tournament sample first (already cached), then the newest others. */
export function chooseFinalSet(
  examples: readonly BreedingExample[],
  evaluation: readonly BreedingExample[],
  size: number,
): BreedingExample[] {
  const ids = new Set(evaluation.map((e) => e.id));
  return [...evaluation, ...examples.filter((e) => !ids.has(e.id))].slice(
    0,
    Math.max(size, evaluation.length),
  );
}

/** A few-shot context block from an example the user stands behind, in the v1 prompts' format. */
export function contextBlock(skill: AnySkillDefinition, example: BreedingExample): string | null {
  if (example.good === null || example.good === undefined) return null;
  try {
    return safeContextBlock(`${formatStoredInput(skill, example.input)}\n${JSON.stringify(example.good)}`);
  } catch {
    return null;
  }
}
