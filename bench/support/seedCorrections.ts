import type { CoreContext } from '../../src/core/coreContext';
import { recordFeedback } from '../../src/core/evolution/feedback';
import type { SkillId } from '../../src/core/skills';
import type { EvalCase } from './evalCases';

/** What a weak prompt answered before the user corrected it: a stand-in, nothing any reference matches. */
const WEAK_OUTPUT: Record<SkillId, (input: unknown) => unknown> = {
  'file-naming': (input) => {
    const { originalName } = input as { originalName: string };
    return {
      filename: originalName,
      reasoning: 'The original name.',
      alternatives: [originalName, originalName],
    };
  },
  'code-linting': () => ({ violations: [], summary: '', decision: 'pass' }),
  'markdown-analysis': () => ({ changes: [], executiveSummary: '' }),
  'audio-actions': () => ({ intent: 'none', entities: [], actions: [], summary: '' }),
};

/**
 * A user's history as the app records it: per case a task, the (weak) output of the prompt then
 * active, and the user's correction to the reference, through the core's own feedback path (so
 * the example bank fills exactly as it does in the app). `at` sets each verdict's time.
 * @returns the task ids, in case order.
 */
export function seedCorrections(
  ctx: CoreContext,
  skill: SkillId,
  cases: readonly EvalCase[],
  at?: (index: number) => void,
): string[] {
  return cases.map((c, i) => {
    at?.(i);
    const task = ctx.store.write(() => {
      const created = ctx.store.tasks.createTask({ skill, input: c.input, source: 'cli' }, ctx.clock.now());
      ctx.store.tasks.addRun(
        {
          task: created.id,
          promptVersion: ctx.store.prompts.activeVersion(skill).version,
          variant: null,
          arm: 'original',
          output: WEAK_OUTPUT[skill](c.input),
          latencyMs: null,
          tokens: null,
          model: 'seed',
        },
        ctx.clock.now(),
      );
      return created;
    });
    recordFeedback(ctx, { task: task.id, verdict: 'corrected', correction: c.reference });
    return task.id;
  });
}
