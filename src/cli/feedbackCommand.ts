import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CoreContext } from '../core/coreContext';
import { recordFeedback } from '../core/evolution/feedback';
import type { Verdict } from '../core/store/columnValues';
import type { Suggestion } from '../core/store/suggestionRepository';
import { answerSuggestion } from '../core/suggestions/answerSuggestion';
import type { SuggestionAnswer } from '../shared/values/suggestionAnswer';
import { CliError, type CliIo, type GlobalOptions, withCore } from './cliRuntime';
import { emit } from './emit';
import { when } from './humanFormat';
import { answerHint, displayPath, pendingSuggestion, takesAnswer } from './suggestionsCommand';

interface FeedbackFlags {
  accept?: boolean;
  reject?: boolean;
  correct?: string;
  name?: string;
  keep?: string;
  snooze?: boolean;
  choose?: string;
  json?: boolean;
}

const ANSWERS =
  '--accept, --reject, --correct <json>, --name <new name>, --keep <numbers>, --choose <number|skip> or --snooze';

function parseCorrection(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(
      `--correct takes the corrected output as JSON, e.g. '{"filename": "acme-invoice.pdf"}'`,
    );
  }
}

/** `1,3` → [1, 3]: the numbers `tinyarms suggestions` prints, each once. */
function parseKeep(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  if (!parts.every((part) => /^[1-9]\d{0,2}$/.test(part))) {
    throw new CliError(
      `--keep takes the numbers of the actions to keep, as \`tinyarms suggestions\` prints them, e.g. --keep 1,3 (got "${text}")`,
    );
  }
  return [...new Set(parts.map(Number))];
}

/** The suggestion answer the flags mean; `--keep` is checked against the numbers the list printed. */
function answerFor(ctx: CoreContext, suggestion: Suggestion, flags: FeedbackFlags): SuggestionAnswer {
  if (flags.accept) return { kind: 'accept' };
  if (flags.reject) return { kind: 'reject' };
  if (flags.snooze) return { kind: 'snooze' };
  if (flags.name !== undefined) return { kind: 'edit', filename: flags.name };
  if (flags.choose !== undefined) {
    const choice = pendingSuggestion(ctx, suggestion.task)?.choice;
    if (!choice)
      throw new CliError(
        `task ${suggestion.task} shows no A/B choice; answer it with ${answerHint(suggestion.skill)}`,
      );
    const picked = flags.choose === 'skip' ? null : choice.options[Number(flags.choose) - 1];
    if (picked === undefined) {
      throw new CliError(
        `--choose takes 1 to ${choice.options.length} or skip, as \`tinyarms suggestions\` numbers the options`,
      );
    }
    return { kind: 'choose', shown: choice.shown, chosen: picked?.arm ?? null, key: randomUUID() };
  }
  if (flags.keep !== undefined) {
    const keep = parseKeep(flags.keep);
    const detail = pendingSuggestion(ctx, suggestion.task)?.detail;
    if (detail && 'actions' in detail) {
      const count = detail.actions.length;
      const missing = keep.filter((n) => n > count);
      if (missing.length > 0) {
        throw new CliError(
          `there is no action ${missing.join(', ')} in task ${suggestion.task}; its actions are numbered 1 to ${count}`,
        );
      }
    }
    return { kind: 'actions', accepted: keep.map((n) => n - 1) };
  }
  // --correct: a suggestion that takes a typed name (file naming) is corrected with the name; others have their own answers.
  const correction = parseCorrection(flags.correct ?? '');
  const filename = (correction as { filename?: unknown } | null)?.filename;
  if (takesAnswer(suggestion.skill, 'edit') && typeof filename === 'string') {
    return { kind: 'edit', filename };
  }
  throw new CliError(
    `task ${suggestion.task} is a ${suggestion.skill} suggestion: answer it with ${answerHint(suggestion.skill)}`,
  );
}

function answerAsSuggestion(
  ctx: CoreContext,
  io: CliIo,
  json: boolean | undefined,
  suggestion: Suggestion,
  flags: FeedbackFlags,
): void {
  const { task, subject } = suggestion;
  const outcome = answerSuggestion(ctx, task, answerFor(ctx, suggestion, flags));
  const renamed = outcome.renamedTo !== null && outcome.renamedTo !== subject ? outcome.renamedTo : null;
  const undo = renamed ? `tinyarms undo ${task}` : null;
  emit(io, json, { ...outcome, undo }, () => {
    if (renamed) return `Renamed ${displayPath(subject)} → ${basename(renamed)}. Undo: ${undo}`;
    const until = ctx.store.suggestions.get(task)?.snoozedUntil;
    if (flags.snooze && until) {
      return `Not now: ${displayPath(subject)} is hidden until ${when(until)} (\`tinyarms suggestions --all\` lists it).`;
    }
    return outcome.message;
  });
}

function recordPlainFeedback(
  ctx: CoreContext,
  io: CliIo,
  json: boolean | undefined,
  task: string,
  flags: FeedbackFlags,
): void {
  if (flags.name !== undefined || flags.keep !== undefined || flags.snooze || flags.choose !== undefined) {
    if (!ctx.store.tasks.getTask(task)) {
      throw new CliError(`no task ${task}; \`tinyarms suggestions\` lists the ones waiting for an answer`);
    }
    throw new CliError(
      `task ${task} came from \`tinyarms run\`, not a watched file: answer it with --accept, --reject or --correct <json>`,
    );
  }
  const verdict: Verdict = flags.accept ? 'accepted' : flags.reject ? 'rejected' : 'corrected';
  const correction = flags.correct === undefined ? undefined : parseCorrection(flags.correct);
  const { feedback, rollback } = recordFeedback(ctx, { task, verdict, correction });
  emit(io, json, { ...feedback, rollback }, () =>
    [
      `Recorded ${feedback.verdict} for ${feedback.task} (${feedback.skill} v${feedback.promptVersion}).`,
      ...(rollback
        ? [
            `${rollback.skill} rolled back to v${rollback.restored}'s prompt (now v${rollback.version}): ${rollback.reason}`,
          ]
        : []),
    ].join('\n'),
  );
}

export function registerFeedbackCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('feedback <task>')
    .description("tell tinyArms whether a task's output was right; answers a watched file's suggestion")
    .option('--accept', 'the output was right (a suggested name: rename the file to it)')
    .option('--reject', 'the output was wrong (nothing changes on disk)')
    .option('--correct <json>', 'the output was wrong; this is what it should have been')
    .option('--name <new name>', 'file naming suggestion: rename the file to this name instead')
    .option('--keep <numbers>', 'audio actions suggestion: the actions that were right, e.g. 1,3')
    .option('--snooze', 'not now: hide the suggestion for a while')
    .option('--choose <number|skip>', 'A/B choice on a suggestion: the option that is better (renames to it)')
    .option('--json', 'print one JSON document')
    .action((task: string, flags: FeedbackFlags) => {
      const given = [
        flags.accept,
        flags.reject,
        flags.correct !== undefined,
        flags.name !== undefined,
        flags.keep !== undefined,
        flags.snooze,
        flags.choose !== undefined,
      ].filter(Boolean).length;
      if (given !== 1) throw new CliError(`give exactly one of ${ANSWERS}`);
      // A malformed --correct is refused before the data folder is even opened.
      if (flags.correct !== undefined) parseCorrection(flags.correct);
      const json = flags.json ?? globals().json;
      withCore(globals(), io, 'write', (ctx) => {
        // A task with a suggestion is answered as one, whatever its state, so a file renamed on accept
        // and its verdict never disagree; the core says when it was answered or expired already.
        const suggestion = ctx.store.suggestions.get(task);
        if (suggestion) answerAsSuggestion(ctx, io, json, suggestion, flags);
        else recordPlainFeedback(ctx, io, json, task, flags);
      });
    });
}
