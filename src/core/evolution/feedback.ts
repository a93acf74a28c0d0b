import { type CoreContext, UserInputError } from '../coreContext';
import { primaryRun, recordExample } from '../examples/exampleBank';
import { getSkill } from '../skills/skillRegistry';
import type { Verdict } from '../store/columnValues';
import type { Feedback } from '../store/taskRepository';
import { checkAutomaticRollback, type RollbackNotice } from './rollbackWatch';

export interface FeedbackInput {
  task: string;
  verdict: Verdict;
  /** The corrected output (`verdict: 'corrected'` only); it becomes a reference example. */
  correction?: unknown;
}

/**
 * Records the user's verdict on a task (a second verdict replaces the first), adds it to the skill's
 * example bank, and lets the rollback watch look at the promoted prompt straight away.
 */
export function recordFeedback(
  ctx: CoreContext,
  input: FeedbackInput,
): { feedback: Feedback; rollback: RollbackNotice | null } {
  const feedback = ctx.store.write(() => {
    const task = ctx.store.tasks.getTask(input.task);
    if (!task) throw new UserInputError(`no task ${input.task}`, { code: 'no-task', task: input.task });
    const skill = getSkill(task.skill);
    let correction: unknown = null;
    if (input.verdict === 'corrected') {
      const parsed = skill.referenceSchema.safeParse(input.correction);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'correction';
        throw new UserInputError(
          `correction for ${skill.id} is invalid at ${where}: ${issue?.message ?? 'bad value'}`,
        );
      }
      correction = parsed.data;
    }
    const promptVersion =
      primaryRun(ctx.store.tasks.runsFor(task.id))?.promptVersion ??
      ctx.store.prompts.activeVersion(task.skill).version;
    const stored = ctx.store.tasks.recordFeedback(
      { task: task.id, skill: task.skill, promptVersion, verdict: input.verdict, correction },
      ctx.clock.now(),
    );
    // The example bank grows in the same transaction: the very next run can learn from this verdict.
    recordExample(ctx.store, task.id);
    return stored;
  });
  return { feedback, rollback: checkAutomaticRollback(ctx, feedback.skill) };
}
