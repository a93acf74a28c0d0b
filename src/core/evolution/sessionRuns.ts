import { CONTROL_ARM } from '../bandit/comparison';
import { groupOutputs } from '../runner/groupOutputs';
import type { Variant } from '../store/sessionRepository';
import type { TaskRun } from '../store/taskRepository';

/** The newest run per arm of a session on one task (a variant run must be this session's variant). */
export function runsByArm(
  runs: readonly TaskRun[],
  arms: readonly string[],
  variants: readonly Variant[],
): Map<string, TaskRun> {
  const byArm = new Map<string, TaskRun>();
  for (const run of runs) {
    if (!arms.includes(run.arm)) continue;
    if (run.arm !== CONTROL_ARM && run.variant !== variants.find((v) => v.letter === run.arm)?.id) continue;
    byArm.set(run.arm, run);
  }
  return byArm;
}

/**
 * For each shown arm, the session's other arms whose output on this task was exactly its output:
 * they were shown once, under the shown arm, so a pick of it is a pick of them too.
 */
export function tiesOf(
  byArm: ReadonlyMap<string, TaskRun>,
  shown: readonly string[],
): Record<string, string[]> {
  const groups = groupOutputs([...byArm].map(([arm, run]) => ({ arm, output: run.output })));
  const ties: Record<string, string[]> = {};
  for (const arm of shown) {
    const same = groups.find((g) => g.arms.includes(arm))?.arms.filter((other) => !shown.includes(other));
    if (same && same.length > 0) ties[arm] = same;
  }
  return ties;
}
