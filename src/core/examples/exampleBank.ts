import { type AnySkillDefinition, formatStoredInput, getSkill, isSkillId } from '../skills/skillRegistry';
import type { NewExample } from '../store/exampleRepository';
import type { Store } from '../store/openStore';
import type { Feedback, TaskRun } from '../store/taskRepository';

/** The run whose output the user judged: the active prompt's (no variant). */
export function primaryRun(runs: readonly TaskRun[]): TaskRun | undefined {
  return runs.find((run) => run.variant === null && run.promptVersion !== null);
}

/**
 * The output a user stands behind after correcting `output`: the run's output with the correction
 * laid over it (a correction may carry only the fields the user changed), else the correction alone.
 */
export function correctedOutput(output: unknown, correction: unknown): unknown {
  return output !== null &&
    typeof output === 'object' &&
    !Array.isArray(output) &&
    correction !== null &&
    typeof correction === 'object'
    ? { ...output, ...correction }
    : correction;
}

/**
 * The bank's view of one verdict: accepted → the output; corrected → the corrected output, the old
 * one kept as rejected; rejected → a negative (no good output, the rejected one kept). Null when the
 * task cannot serve (its input no longer parses, or an accept without a recorded output).
 */
export function exampleFromFeedback(
  skill: AnySkillDefinition,
  task: { id: string; input: unknown },
  run: TaskRun | undefined,
  feedback: Feedback,
): NewExample | null {
  let inputText: string;
  try {
    inputText = formatStoredInput(skill, task.input);
  } catch {
    return null;
  }
  const output = run?.output ?? null;
  const base = { task: task.id, skill: skill.id, inputText, createdAt: feedback.createdAt };
  switch (feedback.verdict) {
    case 'accepted':
      return output === null
        ? null
        : { ...base, kind: 'accepted', output, reference: output, rejected: null };
    case 'corrected':
      return {
        ...base,
        kind: 'corrected',
        output: correctedOutput(output, feedback.correction),
        reference: feedback.correction,
        rejected: output,
      };
    case 'rejected':
      return output === null
        ? null
        : { ...base, kind: 'negative', output: null, reference: null, rejected: output };
    default:
      return feedback.verdict satisfies never;
  }
}

/** Brings a task's example in line with its verdict. Call inside the write transaction that stored the verdict. */
export function recordExample(store: Store, taskId: string): void {
  const task = store.tasks.getTask(taskId);
  const feedback = store.tasks.feedbackFor(taskId);
  if (!task || !feedback || !isSkillId(task.skill)) return;
  const example = exampleFromFeedback(
    getSkill(task.skill),
    task,
    primaryRun(store.tasks.runsFor(taskId)),
    feedback,
  );
  if (example) store.examples.put(example);
}

/**
 * Derives the examples of every verdict that has none yet (feedback from before the bank existed, or
 * from an older tinyArms): the bank is an index over tasks and feedback, never the only copy.
 * @returns how many verdicts were looked at.
 */
export function syncExampleBank(store: Store): number {
  const stale = store.examples.staleTasks();
  if (stale.length === 0) return 0;
  store.write(() => {
    for (const task of stale) recordExample(store, task);
  });
  return stale.length;
}
