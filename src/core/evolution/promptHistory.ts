import { votesCount } from '../bandit/comparison';
import type { CoreContext } from '../coreContext';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import type { PromptVersion } from '../store/promptRepository';
import type { EvolutionSession, Variant } from '../store/sessionRepository';
import { versionAccuracy } from './promotion';

export interface HistorySession {
  session: EvolutionSession;
  variants: Variant[];
  votes: number;
  skips: number;
}

export interface HistoryVersion extends PromptVersion {
  /** Accuracy over the monitor window for the active version; the stored end accuracy for older ones. */
  accuracy: number | null;
  /** The session whose decision produced this version, with its votes. */
  promotedBy: HistorySession | null;
}

export interface PromptHistory {
  skill: string;
  active: number;
  versions: HistoryVersion[];
  /** Newest first, including sessions that kept the original. */
  sessions: HistorySession[];
}

/** Every prompt version of a skill with its source, dates, accuracy and the votes behind it. */
export function promptHistory(ctx: CoreContext, skill: string): PromptHistory {
  requireInstalledSkill(ctx, skill);
  const active = ctx.store.prompts.activeVersion(skill).version;
  const sessions = ctx.store.sessions.sessionsFor(skill).map((session) => {
    const votes = ctx.store.sessions.votesOf(session.id);
    const counted = votesCount(votes);
    return {
      session,
      variants: ctx.store.sessions.variantsOf(session.id),
      votes: counted,
      skips: votes.length - counted,
    };
  });
  const versions = ctx.store.prompts.listVersions(skill).map((version) => ({
    ...version,
    accuracy: version.version === active ? versionAccuracy(ctx, skill, version.version) : version.accuracyEnd,
    promotedBy: sessions.find((s) => s.session.id === version.session) ?? null,
  }));
  return { skill, active, versions, sessions };
}
