import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SuggestionAnswer } from '../../shared/values/suggestionAnswer';
import { type CoreContext, UserInputError } from '../coreContext';
import { recordVote } from '../evolution/abVoting';
import { recordFeedback } from '../evolution/feedback';
import { fileIdentity, sameFile, unchangedFile } from '../fileIdentity';
import { canonicalJson } from '../runner/groupOutputs';
import type { AudioActionsOutput, FileNamingOutput } from '../skills';
import type { Verdict } from '../store/columnValues';
import type { Suggestion } from '../store/suggestionRepository';
import type { TaskRun } from '../store/taskRepository';
import { moveWithoutOverwrite, proposedFileName, renameToFreeName, userFileName } from './renameFile';

export interface SuggestionOutcome {
  task: string;
  /** `pending` after Skip on a comparison or a snooze. */
  status: 'pending' | 'answered';
  verdict: Verdict | null;
  /** File naming: the path the file has now. */
  renamedTo: string | null;
  /** One sentence for the user. */
  message: string;
}

/** What is decided about a suggestion before anything on disk changes. */
interface Resolution {
  verdict: Verdict;
  correction?: unknown;
  /** File naming: the name to rename to. */
  rename?: string;
  vote?: () => void;
}

function requirePending(ctx: CoreContext, task: string): Suggestion {
  const suggestion = ctx.store.suggestions.get(task);
  if (!suggestion) {
    throw new UserInputError(`task ${task} has no suggestion`, { code: 'no-suggestion', task });
  }
  if (suggestion.status === 'pending' && suggestion.expiresAt <= ctx.clock.now()) {
    ctx.store.write(() => ctx.store.suggestions.setStatus(task, 'expired'));
    throw new UserInputError(`the suggestion for task ${task} expired unanswered`, {
      code: 'suggestion-expired',
      task,
    });
  }
  if (suggestion.status !== 'pending') {
    throw new UserInputError(`the suggestion for task ${task} was ${suggestion.status} already`, {
      code: 'suggestion-answered',
      task,
      status: suggestion.status,
    });
  }
  return suggestion;
}

/** The active prompt's run: the output the suggestion proposes. */
function primaryRun(ctx: CoreContext, task: string): TaskRun {
  const run = ctx.store.tasks.runsFor(task).find((r) => r.variant === null && r.promptVersion !== null);
  if (!run) throw new Error(`task ${task} has no run of the active prompt`);
  return run;
}

function fileNameFrom(output: unknown, subject: string): string {
  const name = proposedFileName((output as FileNamingOutput).filename ?? '', basename(subject));
  if (name === null) throw new UserInputError('the proposal has no usable name; edit it instead');
  return name;
}

/** Accepting an output: `accepted` when it is the proposal itself, else a correction to it. */
function acceptOutput(skill: string, output: unknown, proposed: unknown, subject: string): Resolution {
  const same = canonicalJson(output) === canonicalJson(proposed);
  return {
    verdict: same ? 'accepted' : 'corrected',
    ...(same ? {} : { correction: output }),
    ...(skill === 'file-naming' ? { rename: fileNameFrom(output, subject) } : {}),
  };
}

function keptActions(output: unknown, accepted: readonly number[]): Resolution {
  const full = output as AudioActionsOutput;
  const keep = new Set(accepted);
  const outOfRange = accepted.filter((i) => i >= full.actions.length);
  if (outOfRange.length > 0) {
    throw new UserInputError(
      `there is no action ${outOfRange.join(', ')}; this note has ${full.actions.length}`,
    );
  }
  if (keep.size === full.actions.length) return { verdict: 'accepted' };
  if (keep.size === 0) return { verdict: 'rejected' };
  return {
    verdict: 'corrected',
    correction: { ...full, actions: full.actions.filter((_, i) => keep.has(i)) },
  };
}

/**
 * Applies the user's answer to a watcher's suggestion, wherever it came from (popover,
 * notification, CLI): records the verdict (accuracy is computed from it), renames the file for
 * file naming (never overwriting: a numeric suffix when the name is taken), records an A/B vote for
 * a comparison, or snoozes. Nothing is ever executed for audio actions: kept actions are feedback.
 *
 * The rename happens first and the database records it after; if recording fails, the file is moved
 * back before the error is thrown, so disk and database agree.
 *
 * @throws UserInputError when the suggestion is unknown, answered, expired, or the answer does not
 *   fit the skill; when the file is gone.
 */
export function answerSuggestion(
  ctx: CoreContext,
  task: string,
  answer: SuggestionAnswer,
): SuggestionOutcome {
  const suggestion = requirePending(ctx, task);
  const { skill, subject } = suggestion;
  const now = ctx.clock.now();
  const proposal = primaryRun(ctx, task).output;

  let resolution: Resolution;
  switch (answer.kind) {
    case 'snooze': {
      const until = new Date(now.getTime() + ctx.config.notifications.snooze_minutes * 60_000);
      ctx.store.write(() => ctx.store.suggestions.snooze(task, until));
      return {
        task,
        status: 'pending',
        verdict: null,
        renamedTo: null,
        message: 'Hidden for now; it will be back later.',
      };
    }
    case 'choose': {
      const session = ctx.store.sessions.openSessionFor(skill);
      if (session?.status !== 'testing')
        throw new UserInputError(`no A/B test is running for ${skill}`, { code: 'no-ab-test', skill });
      const vote = () =>
        recordVote(ctx, {
          session: session.id,
          task,
          shown: answer.shown,
          chosen: answer.chosen,
          key: answer.key,
        });
      if (answer.chosen === null) {
        vote();
        return {
          task,
          status: 'pending',
          verdict: null,
          renamedTo: null,
          message: 'Skipped; the current suggestion stays.',
        };
      }
      const chosen = ctx.store.tasks.runsFor(task).find((run) => run.arm === answer.chosen);
      if (!chosen) {
        throw new UserInputError(`task ${task} has no output for arm ${answer.chosen}`, {
          code: 'no-arm-output',
          task,
          arm: answer.chosen,
        });
      }
      resolution = { ...acceptOutput(skill, chosen.output, proposal, subject), vote };
      break;
    }
    case 'accept':
      resolution = acceptOutput(skill, proposal, proposal, subject);
      break;
    case 'edit': {
      if (skill !== 'file-naming') throw new UserInputError(`only file-naming suggestions can be edited`);
      const name = userFileName(answer.filename, basename(subject));
      const proposed = fileNameFrom(proposal, subject);
      resolution =
        name === proposed
          ? { verdict: 'accepted', rename: name }
          : { verdict: 'corrected', correction: { filename: name }, rename: name };
      break;
    }
    case 'reject':
      resolution = { verdict: 'rejected' };
      break;
    case 'actions':
      if (skill !== 'audio-actions')
        throw new UserInputError('only audio-actions suggestions have actions to keep');
      resolution = keptActions(proposal, answer.accepted);
      break;
    default:
      return answer satisfies never;
  }
  return apply(ctx, suggestion, answer, resolution);
}

function apply(
  ctx: CoreContext,
  suggestion: Suggestion,
  answer: SuggestionAnswer,
  resolution: Resolution,
): SuggestionOutcome {
  const { task, subject } = suggestion;
  let renamedTo: string | null = null;
  if (resolution.rename !== undefined) {
    if (!existsSync(subject)) {
      ctx.store.write(() => ctx.store.suggestions.setStatus(task, 'expired'));
      throw new UserInputError(`${basename(subject)} is no longer in ${dirname(subject)}; nothing renamed`);
    }
    const change = changeSince(suggestion);
    if (change !== null) {
      ctx.store.write(() => ctx.store.suggestions.setStatus(task, 'expired'));
      throw new UserInputError(
        `${basename(subject)} ${change} since the suggestion was made; nothing renamed`,
      );
    }
    const identity = fileIdentity(subject);
    if (identity !== null) {
      const intent = { task, fromPath: subject, name: resolution.rename, fileIdentity: identity };
      ctx.store.write(() => ctx.store.suggestions.addRenameIntent(intent, ctx.clock.now()));
    }
    try {
      renamedTo = renameToFreeName(subject, resolution.rename);
    } catch (error) {
      dropIntent(ctx, task);
      throw error;
    }
  }
  try {
    ctx.store.write(() => {
      resolution.vote?.();
      const now = ctx.clock.now();
      if (!ctx.store.suggestions.markAnswered(task, answer, now)) {
        throw new UserInputError(`the suggestion for task ${task} was answered meanwhile`, {
          code: 'suggestion-answered',
          task,
          status: 'meanwhile',
        });
      }
      ctx.store.suggestions.removeRenameIntent(task);
      if (renamedTo !== null && renamedTo !== subject) {
        ctx.store.suggestions.recordRename(
          { task, fromPath: subject, toPath: renamedTo, fileIdentity: fileIdentity(renamedTo) },
          now,
        );
      }
      recordFeedback(ctx, {
        task,
        verdict: resolution.verdict,
        ...(resolution.verdict === 'corrected' ? { correction: resolution.correction } : {}),
      });
    });
  } catch (error) {
    if (renamedTo !== null && renamedTo !== subject) moveWithoutOverwrite(renamedTo, subject);
    if (renamedTo !== null) dropIntent(ctx, task);
    throw error;
  }
  const message = describe(suggestion.skill, resolution.verdict, renamedTo, subject);
  return { task, status: 'answered', verdict: resolution.verdict, renamedTo, message };
}

/** The file is back at its old name; an intent the database cannot drop now is settled at the next start. */
function dropIntent(ctx: CoreContext, task: string): void {
  try {
    ctx.store.write(() => ctx.store.suggestions.removeRenameIntent(task));
  } catch {
    // Locked or failing: settleRenameIntents finds the file at its old name and drops it.
  }
}

/**
 * How the file at the suggestion's path differs from the one its input was read from, or `null` when
 * it is that file unchanged (or the suggestion predates identities). A rename acts on the file the
 * user was shown, never on another one that took its path.
 */
function changeSince(suggestion: Suggestion): string | null {
  const then = suggestion.subjectIdentity;
  if (then === null) return null;
  const now = fileIdentity(suggestion.subject);
  if (now === null) return 'is not a file any more';
  if (!sameFile(then, now)) return 'was replaced by another file';
  return unchangedFile(then, now) ? null : 'was changed';
}

function describe(skill: string, verdict: Verdict, renamedTo: string | null, subject: string): string {
  if (skill === 'file-naming' && renamedTo === null) return `Kept the name ${basename(subject)}.`;
  if (renamedTo !== null) {
    return renamedTo === subject
      ? `Kept the name ${basename(subject)}.`
      : `Renamed to ${basename(renamedTo)}.`;
  }
  switch (verdict) {
    case 'accepted':
      return 'Thanks — noted as right.';
    case 'corrected':
      return 'Thanks — your changes are noted.';
    case 'rejected':
      return 'Noted as wrong; nothing was changed.';
    default:
      return verdict satisfies never;
  }
}
