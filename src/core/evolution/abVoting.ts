import { randomUUID } from 'node:crypto';
import { armsOf } from '../bandit/armsOf';
import type { BanditSettings } from '../bandit/banditSettings';
import { banditSettingsFromConfig } from '../bandit/banditSettingsFromConfig';
import { CONTROL_ARM, votesCount } from '../bandit/comparison';
import type { Decision } from '../bandit/decide';
import { type CoreContext, UserInputError } from '../coreContext';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import type { PromptVersion } from '../store/promptRepository';
import type { EvolutionSession, Variant, Vote } from '../store/sessionRepository';
import { isOpenStatus } from '../store/sessionTransition';
import { decideNow, requireSession, type SessionDecision, storedDecision } from './abSession';
import { activate, publish } from './promotion';
import { runsByArm, tiesOf } from './sessionRuns';

export interface VoteInput {
  session: string;
  shown: readonly string[];
  /** An arm, or null for Skip. */
  chosen: string | null;
  task?: string | null;
  /** Idempotency key of a vote without a task; a vote on a task is known by {@link comparisonKey}. */
  key?: string;
}

/**
 * The one idempotency scheme for votes, whatever path they came through (the popover's vote, a
 * suggestion's A/B choice, a notification button, `tinyarms vote`, `feedback --choose`): a
 * comparison on a task is answered once per session, so its key is the session and the task (a
 * Skip has a key of its own, since a Skip leaves the comparison open for a pick). A retried or
 * double-delivered answer replays the stored vote, whatever key it carried. A vote without a task
 * is known by the caller's key, a fresh one when none is given.
 */
export function comparisonKey(input: Pick<VoteInput, 'session' | 'task' | 'chosen' | 'key'>): string {
  const task = input.task ?? null;
  if (task === null) return input.key ?? randomUUID();
  return input.chosen === null ? `${input.session}/${task}/skip` : `${input.session}/${task}`;
}

export interface VoteOutcome {
  vote: Vote;
  /** False when the key had been recorded before (a retry). */
  recorded: boolean;
  votes: number;
  decision: SessionDecision | null;
  session: EvolutionSession;
  promoted: PromptVersion | null;
}

function validateVote(arms: readonly string[], input: VoteInput, showCount: number): void {
  const shown = input.shown;
  const unknown = shown.filter((arm) => !arms.includes(arm));
  if (unknown.length > 0) {
    throw new UserInputError(
      `unknown arm ${unknown.join(', ')}; this session's arms are ${arms.join(', ')}`,
      { code: 'unknown-arm', unknown, arms },
    );
  }
  if (new Set(shown).size !== shown.length) {
    throw new UserInputError(`the comparison shows an arm twice: ${shown.join(',')}`, {
      code: 'duplicate-arm',
      shown,
    });
  }
  if (shown.length < 2) {
    throw new UserInputError('a comparison shows at least 2 arms', {
      code: 'too-few-arms',
      shown: shown.length,
    });
  }
  const max = Math.max(2, Math.min(arms.length, showCount));
  if (shown.length > max) {
    throw new UserInputError(`a comparison shows at most ${max} arms, got ${shown.length}`, {
      code: 'too-many-arms',
      shown: shown.length,
      max,
    });
  }
  if (input.chosen !== null && !shown.includes(input.chosen)) {
    throw new UserInputError(
      `chosen arm ${input.chosen} was not among the shown arms (${shown.join(', ')})`,
      { code: 'chosen-not-shown', chosen: input.chosen, shown },
    );
  }
}

/**
 * Records one comparison and, in the same transaction, applies the stop rules: a decided session is
 * closed and its winner promoted before the vote is acknowledged, so a crash can never leave a
 * counted vote without its consequence. With a task, the session's arms that gave exactly a shown
 * arm's output on it are recorded beside it (`sameAs`) and share its win or loss. Both vote paths
 * (the `vote` channel and a suggestion's `choose` answer) come here, with one key scheme
 * ({@link comparisonKey}). A promoted version's prompt file is written once the outermost
 * transaction commits, so a caller's transaction that fails afterwards leaves no file behind.
 *
 * @throws UserInputError when the task or session is unknown, the session takes no votes, the arms
 *   do not fit it, or the comparison was answered differently before
 */
export function recordVote(ctx: CoreContext, input: VoteInput): VoteOutcome {
  const settings = banditSettingsFromConfig(ctx.config);
  const task = input.task ?? null;
  const key = comparisonKey(input);
  const outcome = ctx.store.write(() => {
    if (task !== null && !ctx.store.tasks.getTask(task))
      throw new UserInputError(`no task ${task}`, { code: 'no-task', task });
    const session = requireSession(ctx, input.session);
    const variants = ctx.store.sessions.variantsOf(session.id);
    const arms = armsOf(variants);
    validateVote(arms, input, settings.showCount);
    const stored = storedAnswer(ctx, session.id, task, input.chosen === null, key);
    if (stored) return replay(ctx, session, stored, { ...input, task }, key);
    if (session.status !== 'testing') {
      throw new UserInputError(`session ${session.id} is ${session.status}; it takes no more votes`, {
        code: 'session-closed',
        session: session.id,
        status: session.status,
      });
    }
    const sameAs = task ? tiesOf(runsByArm(ctx.store.tasks.runsFor(task), arms, variants), input.shown) : {};
    const { vote } = ctx.store.sessions.recordVote(
      { id: key, session: session.id, task, shown: input.shown, chosen: input.chosen, sameAs },
      ctx.clock.now(),
    );
    const votes = ctx.store.sessions.votesOf(session.id);
    const decision = decideNow(ctx, session, arms, votes, settings);
    const closed = decision ? conclude(ctx, session, variants, decision) : null;
    return {
      vote,
      recorded: true,
      votes: votesCount(votes),
      decision,
      session: closed?.session ?? session,
      promoted: closed?.promoted ?? null,
    };
  });
  if (outcome.promoted) publish(ctx, outcome.promoted);
  return outcome;
}

/**
 * The vote already stored under this comparison's key. On a task it is found by session and task
 * (and whether it is a Skip), so votes stored before the keys were derived are found too.
 */
function storedAnswer(
  ctx: CoreContext,
  session: string,
  task: string | null,
  skip: boolean,
  key: string,
): Vote | null {
  if (task === null) return ctx.store.sessions.getVote(key);
  return (
    ctx.store.sessions.getVote(key) ??
    ctx.store.sessions
      .votesOf(session)
      .find((vote) => vote.task === task && (vote.chosen === null) === skip) ??
    null
  );
}

function replay(
  ctx: CoreContext,
  session: EvolutionSession,
  stored: Vote,
  input: VoteInput & { task: string | null },
  key: string,
): VoteOutcome {
  // The same comparison may be shown in another order (each snapshot draws its arms anew).
  const same =
    stored.session === input.session &&
    stored.task === input.task &&
    stored.chosen === input.chosen &&
    stored.shown.length === input.shown.length &&
    input.shown.every((arm) => stored.shown.includes(arm));
  if (!same) {
    const message =
      input.task === null
        ? `vote key ${key} was already used for a different vote`
        : `the comparison on task ${input.task} was already answered with a different vote`;
    throw new UserInputError(message, {
      code: 'vote-key-reused',
      key,
    });
  }
  const votes = votesCount(ctx.store.sessions.votesOf(session.id));
  return {
    vote: stored,
    recorded: false,
    votes,
    decision: storedDecision(session, votes),
    session,
    promoted: null,
  };
}

/** Closes a decided session; a non-control winner becomes the next prompt version. In a transaction. */
function conclude(
  ctx: CoreContext,
  session: EvolutionSession,
  variants: readonly Variant[],
  decision: Decision,
): { session: EvolutionSession; promoted: PromptVersion | null } {
  const winner =
    decision.winner === null || decision.winner === CONTROL_ARM
      ? null
      : variants.find((v) => v.letter === decision.winner);
  const promoted = winner
    ? activate(ctx, {
        skill: session.skill,
        template: winner.template,
        examplePolicy: winner.examplePolicy,
        source: winner.operator === 'manual' ? 'manual' : 'evolved',
        parentVersion: session.originalVersion,
        session: session.id,
        notes: decision.reason,
      })
    : null;
  const closed = ctx.store.sessions.closeSession(
    session.id,
    {
      event: 'decide',
      winner: decision.winner,
      rule: decision.rule,
      reason: decision.reason,
      promotedVersion: promoted?.version ?? null,
    },
    ctx.clock.now(),
  );
  return { session: closed, promoted };
}

/** Closes every testing session whose time is up (the 7-day rule); returns what was decided. */
export function applyDueDecisions(
  ctx: CoreContext,
): { session: EvolutionSession; decision: Decision; promoted: PromptVersion | null }[] {
  const settings: BanditSettings = banditSettingsFromConfig(ctx.config);
  const due = ctx.store.write(() =>
    ctx.store.sessions.sessionsInStatus('testing').flatMap((session) => {
      const variants = ctx.store.sessions.variantsOf(session.id);
      const decision = decideNow(
        ctx,
        session,
        armsOf(variants),
        ctx.store.sessions.votesOf(session.id),
        settings,
      );
      if (!decision) return [];
      const closed = conclude(ctx, session, variants, decision);
      return [{ session: closed.session, decision, promoted: closed.promoted }];
    }),
  );
  for (const item of due) if (item.promoted) publish(ctx, item.promoted);
  return due;
}

/**
 * Promotes a variant by hand (`prompt promote`): from the skill's open session, which it closes, or
 * from its latest session. Accepts the variant's letter or id.
 */
export function promoteVariant(
  ctx: CoreContext,
  skill: string,
  variantRef: string,
): { session: EvolutionSession; version: PromptVersion } {
  requireInstalledSkill(ctx, skill);
  const result = ctx.store.write(() => {
    const session = ctx.store.sessions.openSessionFor(skill) ?? ctx.store.sessions.sessionsFor(skill)[0];
    if (!session) throw new UserInputError(`${skill} has no evolution session with variants to promote`);
    const variants = ctx.store.sessions.variantsOf(session.id);
    const variant = variants.find((v) => v.letter === variantRef.toUpperCase() || v.id === variantRef);
    if (!variant) {
      throw new UserInputError(
        `session ${session.id} has no variant ${variantRef}; its variants are ${variants.map((v) => v.letter).join(', ')}`,
      );
    }
    const version = activate(ctx, {
      skill,
      template: variant.template,
      examplePolicy: variant.examplePolicy,
      source: 'manual',
      parentVersion: ctx.store.prompts.activeVersion(skill).version,
      session: session.id,
      notes: `variant ${variant.letter} promoted by hand`,
    });
    const closed = !isOpenStatus(session.status)
      ? session
      : ctx.store.sessions.closeSession(
          session.id,
          {
            event: 'promote',
            winner: variant.letter,
            rule: 'manual',
            reason: `variant ${variant.letter} promoted by hand`,
            promotedVersion: version.version,
          },
          ctx.clock.now(),
        );
    return { session: closed, version };
  });
  publish(ctx, result.version);
  return result;
}
