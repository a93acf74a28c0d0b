import type { ModelStatus, SkillSummary } from '../../shared/ipc/stateSchemas';
import type { StateSnapshot } from '../../shared/ipc/stateSnapshotSchema';
import type { IntakeProgressView } from '../../shared/ipc/suggestionSchemas';
import { DAY_MS } from '../clock';
import type { ConfigError } from '../config/configError';
import type { CoreContext } from '../coreContext';
import { type SkillStats, skillStats } from '../evolution/skillStats';
import { tallyVerdicts } from '../monitor/accuracyOverWindow';
import type { Feedback } from '../store/taskRepository';
import { pendingChoices, standings } from './pendingChoices';
import { renameViews, suggestionViews } from './suggestionViews';

/** The watcher queue when none runs in this process. */
export const IDLE_INTAKE: IntakeProgressView = {
  running: false,
  done: 0,
  failed: 0,
  total: 0,
  current: null,
  verb: null,
  problem: null,
};

/** Sparkline length in days: the monitor's window, kept readable at 360 px. */
const MIN_DAYS = 7;
const MAX_DAYS = 30;

/** Daily accepted share over the window (every prompt version), oldest day first. */
export function accuracySparkline(rows: readonly Feedback[], now: Date, windowDays: number) {
  const days = Math.min(MAX_DAYS, Math.max(MIN_DAYS, Math.ceil(windowDays)));
  const end = now.getTime();
  return Array.from({ length: days }, (_, i) => {
    const start = end - (days - i) * DAY_MS;
    const tally = tallyVerdicts(
      rows.filter((row) => {
        const at = row.createdAt.getTime();
        return at > start && at <= start + DAY_MS;
      }),
    );
    return { day: new Date(start).toISOString(), accuracy: tally.accuracy, samples: tally.samples };
  });
}

/** A skill row of the popover from the core's own stats (accuracy, status, open session). */
export function skillSummary(ctx: CoreContext, stats: SkillStats): SkillSummary {
  const now = ctx.clock.now();
  const days = Math.min(MAX_DAYS, Math.max(MIN_DAYS, Math.ceil(stats.windowDays)));
  const rows = ctx.store.tasks.feedbackSince(stats.skill, new Date(now.getTime() - days * DAY_MS));
  const session = stats.session ? ctx.store.sessions.getSession(stats.session.id) : null;
  return {
    id: stats.skill,
    name: stats.name,
    version: stats.version,
    source: stats.source as SkillSummary['source'],
    activeSince: stats.activeSince?.toISOString() ?? null,
    accuracy: stats.health.accuracy,
    samples: stats.health.samples,
    threshold: stats.threshold,
    windowDays: stats.windowDays,
    health: stats.health.health,
    status: stats.status,
    sparkline: accuracySparkline(rows, now, stats.windowDays),
    session: stats.session
      ? {
          id: stats.session.id,
          status: stats.session.status,
          votes: stats.session.votes,
          maxVotes: stats.session.maxVotes,
          progress: Math.min(1, Math.max(0, session?.progress ?? 0)),
        }
      : null,
    evolutionDue: stats.trigger.trigger,
    reason: stats.trigger.reason,
  };
}

/** Everything the popover renders, read from the core in one go. */
export function stateSnapshot(
  ctx: CoreContext,
  extras: {
    appVersion: string;
    model: ModelStatus;
    configError: ConfigError | null;
    intake?: IntakeProgressView;
  },
): StateSnapshot {
  const standingOf = standings(ctx);
  return {
    appVersion: extras.appVersion,
    generatedAt: ctx.clock.now().toISOString(),
    skills: ctx.store.prompts.listSkills().map((skill) => skillSummary(ctx, skillStats(ctx, skill.id))),
    pending: pendingChoices(ctx, undefined, standingOf),
    suggestions: suggestionViews(ctx, undefined, standingOf),
    renames: renameViews(ctx),
    intake: extras.intake ?? IDLE_INTAKE,
    model: extras.model,
    evolutionPaused: ctx.config.evolution.paused,
    configProblem: extras.configError?.message ?? null,
  };
}
