import type { ArmPosteriorView, PendingChoice } from '../../shared/ipc/stateSchemas';
import { armsOf } from '../bandit/armsOf';
import { banditSettingsFromConfig } from '../bandit/banditSettingsFromConfig';
import { summarizeLeader } from '../bandit/summarizeLeader';
import { HOUR_MS } from '../clock';
import type { CoreContext } from '../coreContext';
import { sessionResults } from '../evolution/abSession';
import { runsByArm } from '../evolution/sessionRuns';
import { seededRng } from '../rng';
import { groupOutputs } from '../runner/groupOutputs';
import { getSkill } from '../skills/skillRegistry';
import type { EvolutionSession } from '../store/sessionRepository';
import type { TaskRun } from '../store/taskRepository';

/** Tasks looked at per session; older unanswered ones are left for the CLI. */
const TASKS_PER_SESSION = 20;

/** A session's posteriors and the leader sentence, both computed here so the page only renders. */
export function sessionStanding(
  ctx: CoreContext,
  session: string,
): { arms: ArmPosteriorView[]; votes: number; maxVotes: number; summary: string } {
  const results = sessionResults(ctx, session);
  const arms = results.arms.map(({ arm, wins, losses, mean, pBest }) => ({ arm, wins, losses, mean, pBest }));
  const summary = summarizeLeader({
    arms: results.arms.map((a) => a.arm),
    comparisons: ctx.store.sessions.votesOf(session),
    settings: banditSettingsFromConfig(ctx.config),
  });
  return { arms, votes: results.votes, maxVotes: results.maxVotes, summary };
}

export type Standing = ReturnType<typeof sessionStanding>;

/**
 * Each session's standing, computed once however many of its tasks are described: a snapshot lists
 * up to 20 comparisons and 20 suggestions per session, and the posterior is the same for all of them.
 */
export function standings(ctx: CoreContext): (session: string) => Standing {
  const computed = new Map<string, Standing>();
  return (session) => {
    let standing = computed.get(session);
    if (!standing) {
      standing = sessionStanding(ctx, session);
      computed.set(session, standing);
    }
    return standing;
  };
}

/** A stable 32-bit seed from text (FNV-1a), so a card keeps its order across snapshots. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = seededRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The comparison a task offers, or null when it offers none (fewer than two distinct outputs).
 * Identical outputs are shown once: the option's `arm` (drawn at random among them) is what a pick
 * records, `sameAs` lists the others, which a vote leaves out of `shown` and credits with the pick.
 */
function choiceFor(
  ctx: CoreContext,
  session: EvolutionSession,
  taskId: string,
  standingOf: (session: string) => Standing,
): PendingChoice | null {
  const task = ctx.store.tasks.getTask(taskId);
  if (!task || task.skill !== session.skill) return null;
  const variants = ctx.store.sessions.variantsOf(session.id);
  const arms = armsOf(variants);
  const byArm = runsByArm(ctx.store.tasks.runsFor(task.id), arms, variants);
  const seed = seedOf(`${session.id}:${task.id}`);
  const groups = groupOutputs(
    shuffled([...byArm.keys()], seed).map((arm) => ({ arm, output: (byArm.get(arm) as TaskRun).output })),
  );
  if (groups.length < 2) return null;
  const skill = getSkill(session.skill);
  const options = groups.slice(0, 3).map((group) => ({
    arm: group.arms[0] as string,
    sameAs: group.arms.slice(1),
    text: skill.presentation.outputLine(group.output),
  }));
  const standing = standingOf(session.id);
  return {
    session: session.id,
    skill: session.skill,
    skillName: skill.name,
    question: skill.presentation.question,
    task: task.id,
    taskLine: skill.presentation.taskLine(task.input),
    createdAt: task.createdAt.toISOString(),
    options,
    shown: options.map((option) => option.arm),
    ...standing,
  };
}

/**
 * Tasks of the session's skill since the test began (and younger than the expiry of an unanswered
 * ask) that have no vote yet. Watcher tasks are left out: their choice is part of their suggestion.
 */
function unansweredTasks(ctx: CoreContext, session: EvolutionSession): string[] {
  const expiry = ctx.clock.now().getTime() - ctx.config.notifications.expire_after_hours * HOUR_MS;
  const testedFrom = (session.testingFrom ?? session.startedAt).getTime();
  const since = new Date(Math.max(expiry, testedFrom));
  return ctx.store.sessions.unvotedComparisonTasks(session.id, session.skill, since, TASKS_PER_SESSION);
}

/**
 * Comparisons waiting for a vote, newest first: tasks of skills under an A/B test whose runs for
 * the test's arms are stored (by the runner) and that have no vote (or Skip) in that session yet.
 */
export function pendingChoices(
  ctx: CoreContext,
  limit = 10,
  standingOf: (session: string) => Standing = standings(ctx),
): PendingChoice[] {
  const out: PendingChoice[] = [];
  for (const session of ctx.store.sessions.sessionsInStatus('testing')) {
    for (const task of unansweredTasks(ctx, session)) {
      const choice = choiceFor(ctx, session, task, standingOf);
      if (choice) out.push(choice);
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
}

/** One comparison, or null when it was answered or its session is no longer testing. */
export function pendingChoice(
  ctx: CoreContext,
  sessionId: string,
  taskId: string,
  standingOf: (session: string) => Standing = standings(ctx),
): PendingChoice | null {
  const session = ctx.store.sessions.getSession(sessionId);
  if (session?.status !== 'testing') return null;
  return ctx.store.sessions.hasVoteOn(sessionId, taskId) ? null : choiceFor(ctx, session, taskId, standingOf);
}
