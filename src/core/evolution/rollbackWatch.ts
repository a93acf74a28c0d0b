import type { CoreContext } from '../coreContext';
import { evaluateRollback } from '../monitor/evaluateRollback';
import { publish, type RollbackResult, rollbackInTransaction } from './promotion';

export interface RollbackNotice {
  skill: string;
  from: number;
  restored: number;
  version: number;
  reason: string;
}

/**
 * The post-promotion watch: once a promoted prompt has a full sample of feedback and its accuracy
 * is under `learning.rollback_threshold`, restore the version it replaced and say why.
 */
export function checkAutomaticRollback(ctx: CoreContext, skill: string): RollbackNotice | null {
  // Decide and act in one transaction so the app and the CLI cannot both roll back.
  const notice = ctx.store.write(() => watch(ctx, skill));
  if (notice) publish(ctx, notice.done.version);
  return notice?.notice ?? null;
}

function watch(ctx: CoreContext, skill: string): { notice: RollbackNotice; done: RollbackResult } | null {
  const active = ctx.store.prompts.activeVersion(skill);
  if (
    (active.source !== 'manual' && active.source !== 'evolved') ||
    !active.activeFrom ||
    !active.parentVersion
  ) {
    return null;
  }
  const rows = ctx.store.tasks
    .feedbackSince(skill, active.activeFrom)
    .filter((row) => row.promptVersion === active.version);
  const verdict = evaluateRollback({
    rows,
    threshold: ctx.config.learning.rollback_threshold,
    sampleSize: ctx.config.triggers.sample_size,
  });
  if (!verdict.rollback) return null;
  const done = rollbackInTransaction(ctx, skill, {
    toVersion: active.parentVersion,
    notes: `automatic rollback: ${verdict.reason}`,
  });
  return {
    notice: {
      skill,
      from: done.from,
      restored: done.restored,
      version: done.version.version,
      reason: verdict.reason,
    },
    done,
  };
}
