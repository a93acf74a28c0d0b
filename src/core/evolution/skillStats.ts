import { DAY_MS } from '../clock';
import type { CoreContext } from '../coreContext';
import { type EvolutionTriggerDecision, evaluateEvolutionTrigger } from '../monitor/evaluateEvolutionTrigger';
import { type SkillHealth, skillHealth } from '../monitor/skillHealth';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import { getSkill } from '../skills/skillRegistry';
import type { EvolutionSession } from '../store/sessionRepository';
import type { Feedback } from '../store/taskRepository';
import { sessionResults } from './abSession';

/** A skill's status as the user sees it: the monitor's health, or what evolution is doing now. */
export type SkillStatus = SkillHealth['health'] | 'evolving' | 'testing';

export interface SkillStats {
  skill: string;
  name: string;
  version: number;
  source: string;
  activeSince: Date | null;
  windowDays: number;
  threshold: number;
  health: SkillHealth;
  status: SkillStatus;
  session: { id: string; status: EvolutionSession['status']; votes: number; maxVotes: number } | null;
  trigger: EvolutionTriggerDecision;
  recentFailures: Feedback[];
}

/** Everything `prompt stats` shows: accuracy of the active prompt, status and recent failures. */
export function skillStats(ctx: CoreContext, skillId: string): SkillStats {
  requireInstalledSkill(ctx, skillId);
  const skill = getSkill(skillId);
  const now = ctx.clock.now();
  const active = ctx.store.prompts.activeVersion(skill.id);
  const triggers = ctx.config.triggers;
  const rows = ctx.store.tasks.feedbackSince(
    skill.id,
    new Date(now.getTime() - triggers.window_days * DAY_MS),
  );
  const health = skillHealth({ rows, now, triggers, promptVersion: active.version });
  const trigger = evaluateEvolutionTrigger({
    skill,
    rows,
    lastEvolutionAt: ctx.store.sessions.lastEvolutionAt(skill.id),
    now,
    triggers,
    paused: ctx.config.evolution.paused,
    promptVersion: active.version,
  });
  const open = ctx.store.sessions.openSessionFor(skill.id);
  const results = open ? sessionResults(ctx, open.id) : null;
  const status: SkillStatus = open ? (open.status === 'testing' ? 'testing' : 'evolving') : health.health;
  return {
    skill: skill.id,
    name: skill.name,
    version: active.version,
    source: active.source,
    activeSince: active.activeFrom,
    windowDays: triggers.window_days,
    threshold: triggers.accuracy_threshold,
    health,
    status,
    session:
      open && results
        ? { id: open.id, status: open.status, votes: results.votes, maxVotes: results.maxVotes }
        : null,
    trigger,
    recentFailures: ctx.store.tasks.recentFailures(skill.id, 5),
  };
}
