import { armPosteriors } from '../bandit/armPosteriors';
import { armsOf } from '../bandit/armsOf';
import type { BanditSettings } from '../bandit/banditSettings';
import { banditSettingsFromConfig } from '../bandit/banditSettingsFromConfig';
import { CONTROL_ARM, votesCount } from '../bandit/comparison';
import { type Decision, decide } from '../bandit/decide';
import { probabilityBest } from '../bandit/probabilityBest';
import { type CoreContext, UserInputError } from '../coreContext';
import { checkTemplateText } from '../runner/templateText';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import type { EvolutionSession, Vote } from '../store/sessionRepository';

/** A decision as the session layer reports it: taken now, or read back from a closed session. */
export interface SessionDecision extends Pick<Decision, 'winner' | 'reason' | 'votes'> {
  /** The stop rule that ended the test, or `manual` for a promotion by hand. */
  rule: Decision['rule'] | 'manual';
}

export function storedDecision(session: EvolutionSession, votes: number): SessionDecision | null {
  if (session.status === 'testing' || !session.decisionReason) return null;
  return {
    winner: session.winner,
    reason: session.decisionReason,
    votes,
    rule: (session.decisionRule ?? 'manual') as SessionDecision['rule'],
  };
}

export const ARM_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/**
 * Starts a Phase-1 A/B test from hand-written variants; the skill's current prompt is the control.
 * Refused while another session of the skill is open.
 */
export function createManualSession(
  ctx: CoreContext,
  skill: string,
  templates: readonly string[],
): { session: EvolutionSession; arms: string[] } {
  requireInstalledSkill(ctx, skill);
  if (templates.length < 1 || templates.length > ARM_LETTERS.length) {
    throw new UserInputError(
      `an A/B session needs 1 to ${ARM_LETTERS.length} variants, got ${templates.length}`,
    );
  }
  const checked = templates.map((template, i) =>
    checkTemplateText(template, `variant ${ARM_LETTERS[i] ?? String(i)}`),
  );
  const session = ctx.store.write(() => {
    const open = ctx.store.sessions.openSessionFor(skill);
    if (open) {
      throw new UserInputError(
        `${skill} already has an open session ${open.id} (${open.status}); finish or cancel it first`,
        { code: 'session-open', skill, session: open.id, status: open.status },
      );
    }
    const original = ctx.store.prompts.activeVersion(skill);
    return ctx.store.sessions.createSession(
      { skill, originalVersion: original.version, trigger: 'manual', start: 'openTest' },
      checked.map((template, i) => ({
        letter: ARM_LETTERS[i] ?? String(i),
        template,
        // A hand-written variant rewords the instruction; it keeps the examples the control shows.
        examplePolicy: original.examplePolicy,
        reasoning: 'written by hand',
        operator: 'manual',
        mutationPrompt: null,
        parent: null,
        fitness: null,
      })),
      ctx.clock.now(),
    );
  });
  return { session, arms: armsOf(ctx.store.sessions.variantsOf(session.id)) };
}

export function requireSession(ctx: CoreContext, id: string): EvolutionSession {
  const session = ctx.store.sessions.getSession(id);
  if (!session) throw new UserInputError(`no session ${id}`, { code: 'no-session', session: id });
  return session;
}

/** The open A/B session of a skill, else its most recent one, else null. */
export function currentSession(ctx: CoreContext, skill: string): EvolutionSession | null {
  requireInstalledSkill(ctx, skill);
  return ctx.store.sessions.openSessionFor(skill) ?? ctx.store.sessions.sessionsFor(skill)[0] ?? null;
}

export interface ArmResult {
  arm: string;
  variant: string | null;
  wins: number;
  losses: number;
  shown: number;
  mean: number;
  pBest: number;
}

export interface SessionResults {
  session: EvolutionSession;
  votes: number;
  maxVotes: number;
  arms: ArmResult[];
  leader: string | null;
  /** The decision as stored (closed session) or as it would be taken now (open session). */
  decision: SessionDecision | null;
}

/** The stop rules applied to a testing session as of now. */
export function decideNow(
  ctx: CoreContext,
  session: EvolutionSession,
  arms: readonly string[],
  comparisons: readonly Vote[],
  settings: BanditSettings,
): Decision | null {
  return decide({
    arms,
    comparisons,
    control: CONTROL_ARM,
    startedAt: session.testingFrom ?? session.startedAt,
    now: ctx.clock.now(),
    settings,
  });
}

/** Posterior summary per arm, derived from the stored votes. */
export function sessionResults(ctx: CoreContext, sessionId: string): SessionResults {
  const session = requireSession(ctx, sessionId);
  const settings = banditSettingsFromConfig(ctx.config);
  const variants = ctx.store.sessions.variantsOf(session.id);
  const arms = armsOf(variants);
  const votes = ctx.store.sessions.votesOf(session.id);
  const posteriors = armPosteriors(arms, votes, settings);
  const pBest = probabilityBest(posteriors);
  const results = posteriors.map((p, i) => ({
    arm: p.arm,
    variant: variants.find((v) => v.letter === p.arm)?.id ?? null,
    wins: p.wins,
    losses: p.losses,
    shown: p.shown,
    mean: p.mean,
    pBest: pBest[i] ?? 0,
  }));
  const count = votesCount(votes);
  const leader = count === 0 ? null : ([...results].sort((a, b) => b.pBest - a.pBest)[0]?.arm ?? null);
  const decision =
    session.status === 'testing'
      ? decideNow(ctx, session, arms, votes, settings)
      : storedDecision(session, count);
  return { session, votes: count, maxVotes: settings.maxVotes, arms: results, leader, decision };
}
