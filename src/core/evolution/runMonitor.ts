import type { Decision } from '../bandit/decide';
import { DAY_MS } from '../clock';
import type { CoreContext } from '../coreContext';
import { type EvolutionTriggerDecision, evaluateEvolutionTrigger } from '../monitor/evaluateEvolutionTrigger';
import { getSkill } from '../skills/skillRegistry';
import { applyDueDecisions } from './abVoting';
import { checkAutomaticRollback, type RollbackNotice } from './rollbackWatch';

export interface MonitorReport {
  /** A/B tests closed because their time was up. */
  decisions: { skill: string; session: string; decision: Decision; promotedVersion: number | null }[];
  rollbacks: RollbackNotice[];
  /** Per skill: whether evolution should start now and why. */
  triggers: (EvolutionTriggerDecision & { skill: string })[];
}

/**
 * One pass of the accuracy monitor (daily in the app, `tinyarms monitor` on demand): close A/B
 * tests that ran out of time, roll back promoted prompts that do worse, and say which skills are
 * due for evolution. Starting the breeder is the caller's business.
 */
export function runMonitor(ctx: CoreContext): MonitorReport {
  const decisions = applyDueDecisions(ctx).map((item) => ({
    skill: item.session.skill,
    session: item.session.id,
    decision: item.decision,
    promotedVersion: item.promoted?.version ?? null,
  }));
  const rollbacks: RollbackNotice[] = [];
  const triggers: MonitorReport['triggers'] = [];
  const now = ctx.clock.now();
  for (const stored of ctx.store.prompts.listSkills()) {
    const rollback = checkAutomaticRollback(ctx, stored.id);
    if (rollback) rollbacks.push(rollback);
    const active = ctx.store.prompts.activeVersion(stored.id);
    const open = ctx.store.sessions.openSessionFor(stored.id);
    const decision = evaluateEvolutionTrigger({
      skill: getSkill(stored.id),
      rows: ctx.store.tasks.feedbackSince(
        stored.id,
        new Date(now.getTime() - ctx.config.triggers.window_days * DAY_MS),
      ),
      lastEvolutionAt: ctx.store.sessions.lastEvolutionAt(stored.id),
      now,
      triggers: ctx.config.triggers,
      paused: ctx.config.evolution.paused || !stored.enabled,
      promptVersion: active.version,
    });
    triggers.push(
      open
        ? {
            ...decision,
            skill: stored.id,
            trigger: false,
            reason: `Session ${open.id} is already ${open.status}.`,
          }
        : { ...decision, skill: stored.id },
    );
  }
  return { decisions, rollbacks, triggers };
}
