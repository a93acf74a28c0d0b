import { basename } from 'node:path';
import {
  createNotificationRouter,
  type NotificationAnswerResult,
  type NotificationAsk,
  type Notifier,
} from '../core/app/notificationRouter';
import { pendingChoices, standings } from '../core/app/pendingChoices';
import { suggestionViews } from '../core/app/suggestionViews';
import type { CoreContext } from '../core/coreContext';
import { recordVote } from '../core/evolution/abVoting';
import { answerSuggestion } from '../core/suggestions/answerSuggestion';
import { mayPromptNow, notePrompt } from '../core/suggestions/feedbackPromptBudget';
import { type CliIo, describeFailure } from './cliRuntime';
import { answerHint } from './suggestionsCommand';

/** The notifier as the watch uses it: the port, and whether clicks come back (default: they do). */
export type WatchNotifier = Notifier & { readonly reportsClicks?: boolean };

export interface WatchNotifications {
  /** Reads what waits for an answer and announces the newest new ask; withdraws answered ones. */
  refresh(): void;
}

/** The command(s) that answer an ask, as the terminal prints them. */
export function answerCommands(ask: NotificationAsk): string[] {
  if (ask.kind === 'suggestion') {
    const choice = ask.suggestion.choice;
    if (choice) return [`tinyarms feedback ${ask.task} --choose <1-${choice.options.length}|skip>`];
    return [`tinyarms feedback ${ask.task} ${answerHint(ask.skill)}`];
  }
  const { session, task, shown, options } = ask.choice;
  const vote = `tinyarms vote ${session} --task ${task} --shown ${shown.join(',')} --chosen`;
  return [...options.map((option, i) => `${i + 1}: ${vote} ${option.arm}`), `skip: ${vote} skip`];
}

const announcedCommands = (ask: NotificationAsk) =>
  `${ask.task}  answer with: ${answerCommands(ask).join('\n    ')}`;

/**
 * `tinyarms watch --notify`: the app's notification router over the CLI's own core. A button
 * answers on the core directly (the vote and the suggestion answer `tinyarms vote` and
 * `tinyarms feedback` make) and the outcome is printed; a click prints the command that answers;
 * the daily limit and quiet hours of `notifications` hold an ask back exactly as in the app, and the
 * terminal says so.
 *
 * @param print writes one line to the terminal (the watch's progress-aware printer)
 */
export function watchNotifications(
  ctx: CoreContext,
  io: CliIo,
  notifier: WatchNotifier,
  print: (line: string) => void,
): WatchNotifications {
  const failed = (error: unknown): NotificationAnswerResult => ({
    ok: false,
    error: { message: describeFailure(error, io) },
  });
  const router = createNotificationRouter({
    notifier,
    clickHint:
      notifier.reportsClicks === false
        ? 'The terminal running tinyarms watch shows how to answer.'
        : 'Click for the command that answers it.',
    settings: () => ctx.config.notifications,
    budget: {
      mayPrompt: (skill) => {
        const permission = mayPromptNow(ctx, skill);
        if (!permission.allowed) print(`(no notification: ${permission.reason})`);
        return permission.allowed;
      },
      note: (skill, task) => notePrompt(ctx, skill, task),
    },
    vote: async (request) => {
      try {
        const outcome = recordVote(ctx, request);
        const what = request.chosen === null ? 'skip' : request.chosen;
        print(
          `${request.task ?? request.session}  ${outcome.recorded ? 'Recorded' : 'Already recorded'} ${what} from the notification (${outcome.votes} votes).`,
        );
        if (outcome.promoted) print(`${outcome.session.skill} now runs v${outcome.promoted.version}.`);
        return { ok: true };
      } catch (error) {
        return failed(error);
      } finally {
        refresh();
      }
    },
    answer: async ({ task, answer }) => {
      try {
        const subject = ctx.store.suggestions.get(task)?.subject ?? null;
        const outcome = answerSuggestion(ctx, task, answer);
        const renamed =
          outcome.renamedTo !== null && outcome.renamedTo !== subject ? outcome.renamedTo : null;
        print(
          renamed && subject
            ? `${task}  Renamed ${basename(subject)} → ${basename(renamed)} from the notification. Undo: tinyarms undo ${task}`
            : `${task}  ${outcome.message}`,
        );
        return { ok: true };
      } catch (error) {
        return failed(error);
      } finally {
        refresh();
      }
    },
    onClick: (ask) => print(announcedCommands(ask)),
    // notify-send reports no click: the terminal says how to answer as soon as the notification shows.
    ...(notifier.reportsClicks === false ? { onAnnounce: (ask) => print(announcedCommands(ask)) } : {}),
    onVoteError: (message) => print(`warning: the answer from the notification was not recorded: ${message}`),
  });

  function refresh(): void {
    const standingOf = standings(ctx);
    router.update({
      suggestions: suggestionViews(ctx, undefined, standingOf),
      pending: pendingChoices(ctx, undefined, standingOf),
    });
  }
  return { refresh };
}
