import type { PromptDiff, PromptHistoryView } from '../../shared/ipc/historySchemas';
import { type CoreContext, UserInputError } from '../coreContext';
import { promptHistory } from '../evolution/promptHistory';
import { describeExamplePolicy } from '../examples/examplePolicy';
import { readablePrompt } from '../runner/prompt';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import { getSkill } from '../skills/skillRegistry';
import { lineDiff } from './lineDiff';
import { sessionStanding } from './pendingChoices';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A skill's version timeline and sessions, with each session's posteriors from its votes. */
export function historyView(ctx: CoreContext, skill: string): PromptHistoryView {
  const history = promptHistory(ctx, skill);
  return {
    skill: history.skill,
    skillName: getSkill(history.skill).name,
    active: history.active,
    versions: history.versions.map((v) => ({
      version: v.version,
      source: v.source,
      parentVersion: v.parentVersion,
      createdAt: v.createdAt.toISOString(),
      activeFrom: iso(v.activeFrom),
      activeTo: iso(v.activeTo),
      accuracyBefore: v.accuracyStart,
      accuracy: v.accuracy,
      session: v.session,
      notes: v.notes,
      template: v.template,
      examples: describeExamplePolicy(v.examplePolicy),
    })),
    sessions: history.sessions.map(({ session, variants, votes, skips }) => {
      const standing = sessionStanding(ctx, session.id);
      return {
        id: session.id,
        status: session.status,
        trigger: session.trigger,
        startedAt: session.startedAt.toISOString(),
        completedAt: iso(session.completedAt),
        winner: session.winner,
        decisionRule: session.decisionRule,
        decisionReason: session.decisionReason,
        promotedVersion: session.promotedVersion,
        votes,
        skips,
        maxVotes: standing.maxVotes,
        variants: variants.map((v) => ({
          id: v.id,
          letter: v.letter,
          status: v.status,
          operator: v.operator,
          reasoning: v.reasoning,
          fitness: v.fitness,
          template: v.template,
          examples: describeExamplePolicy(v.examplePolicy),
          judge: v.judgeScore
            ? { score: v.judgeScore.score, tier: v.judgeScore.tier, reason: v.judgeScore.reason }
            : null,
        })),
        arms: standing.arms,
      };
    }),
  };
}

/** What changed in the prompt (its example policy and its template) from version `from` to version `to`. */
export function promptDiffView(ctx: CoreContext, skill: string, from: number, to: number): PromptDiff {
  requireInstalledSkill(ctx, skill);
  const before = ctx.store.prompts.getVersion(skill, from);
  if (!before) throw new UserInputError(`${skill} has no prompt version ${from}`);
  const after = ctx.store.prompts.getVersion(skill, to);
  if (!after) throw new UserInputError(`${skill} has no prompt version ${to}`);
  const lines = lineDiff(
    readablePrompt({ template: before.template, examples: before.examplePolicy }),
    readablePrompt({ template: after.template, examples: after.examplePolicy }),
  );
  return {
    skill,
    from,
    to,
    lines,
    added: lines.filter((line) => line.op === 'added').length,
    removed: lines.filter((line) => line.op === 'removed').length,
  };
}
