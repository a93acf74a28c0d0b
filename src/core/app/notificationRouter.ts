import type { RequestOf } from '../../shared/ipc/channels';
import type { PendingChoice } from '../../shared/ipc/stateSchemas';
import type { StateSnapshot } from '../../shared/ipc/stateSnapshotSchema';
import type { SuggestionView } from '../../shared/ipc/suggestionSchemas';
import { choiceNotification, type NotificationSpec } from './choiceNotification';
import { suggestionNotification } from './suggestionNotification';

/** A notification on screen; closing it is a no-op once the user dismissed it. */
export interface ShownNotification {
  close(): void;
}

/**
 * The port to the OS notification centre: Electron's `Notification` in the app, node-notifier in the
 * CLI, a recorder in tests.
 */
export interface Notifier {
  /** Whether a notification can carry buttons here (macOS). Otherwise only a click is reported. */
  readonly supportsActions: boolean;
  show(spec: NotificationSpec, events: { onAction(index: number): void; onClick(): void }): ShownNotification;
}

/** How an answer given from a notification went (an `IpcResult` is one). */
export type NotificationAnswerResult = { ok: true } | { ok: false; error: { message: string } };

export interface NotificationRouterOptions {
  notifier: Notifier;
  /** Records a vote: in the app through the contract (the popover's `dispatchIpc` path), in the CLI on the core. */
  vote(request: RequestOf<'vote'>): Promise<NotificationAnswerResult>;
  /** Answers a suggestion, the same way. */
  answer?(request: RequestOf<'answerSuggestion'>): Promise<NotificationAnswerResult>;
  /** A notification was clicked rather than answered: the app opens the popover, the CLI prints the command. */
  onClick(ask: NotificationAsk): void;
  /** An ask became a notification (the CLI prints its answer where clicks are not reported). */
  onAnnounce?(ask: NotificationAsk): void;
  /** The body's last line on notifications without buttons, saying what a click does (see {@link NotificationLook}). */
  clickHint?: string;
  /** The `notifications` section of the settings in force. */
  settings(): { enabled: boolean; sound: boolean };
  /**
   * The fatigue limits (daily limit per skill, quiet hours): whether asking about this skill now is
   * allowed, and counting an ask. Absent → always allowed, nothing counted.
   */
  budget?: { mayPrompt(skill: string): boolean; note(skill: string, task: string): void };
  /** An answer given from a notification failed (e.g. the session closed meanwhile). */
  onVoteError?(message: string): void;
}

/** The part of a snapshot the router reads: what waits for an answer. */
export type AskSnapshot = Pick<StateSnapshot, 'suggestions' | 'pending'>;

export interface NotificationRouter {
  /** Called with every pushed snapshot: announces a new ask, withdraws an answered one. */
  update(snapshot: AskSnapshot): void;
  /** The ask currently announced (`session/task` for a choice, `task` for a suggestion), or null. */
  announced(): string | null;
}

const choiceId = (choice: Pick<PendingChoice, 'session' | 'task'>) => `${choice.session}/${choice.task}`;

/** One thing the router may ask about. */
export type NotificationAsk =
  | { kind: 'choice'; id: string; skill: string; task: string; createdAt: string; choice: PendingChoice }
  | {
      kind: 'suggestion';
      id: string;
      skill: string;
      task: string;
      createdAt: string;
      suggestion: SuggestionView;
    };

function asksOf(snapshot: AskSnapshot): NotificationAsk[] {
  const asks: NotificationAsk[] = [
    ...snapshot.suggestions.map(
      (suggestion): NotificationAsk => ({
        kind: 'suggestion',
        id: suggestion.task,
        skill: suggestion.skill,
        task: suggestion.task,
        createdAt: suggestion.createdAt,
        suggestion,
      }),
    ),
    ...snapshot.pending.map(
      (choice): NotificationAsk => ({
        kind: 'choice',
        id: choiceId(choice),
        skill: choice.skill,
        task: choice.task,
        createdAt: choice.createdAt,
        choice,
      }),
    ),
  ];
  return asks.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** What a notification button does for a suggestion, by button index. */
function suggestionAnswer(
  suggestion: SuggestionView,
  index: number,
): RequestOf<'answerSuggestion'>['answer'] | null {
  if (suggestion.choice) {
    const option = suggestion.choice.options[index];
    return option
      ? {
          kind: 'choose',
          shown: suggestion.choice.shown,
          chosen: option.arm,
          key: `notification:${suggestion.task}`,
        }
      : null;
  }
  if (index === 0) return { kind: 'accept' };
  if (index === 1) return { kind: 'reject' };
  return null;
}

/**
 * Routes asks (A/B choices and watcher suggestions) to notifications. One notification at a time,
 * for the newest ask, and each ask at most once per run, so a busy day means one quiet prompt rather
 * than a stack. The fatigue limits decide whether an ask becomes a notification at all; one held back
 * waits in the popover and is not announced later. Where actions work (macOS), a button answers and
 * nothing opens; elsewhere a click is handed to `onClick` (the app opens the popover, which shows the
 * same ask; the CLI prints the command that answers it). A notification whose ask was answered
 * elsewhere is withdrawn. Shared by the app and `tinyarms watch --notify`.
 */
export function createNotificationRouter(options: NotificationRouterOptions): NotificationRouter {
  const seen = new Set<string>();
  let current: { id: string; shown: ShownNotification } | null = null;

  const withdraw = () => {
    current?.shown.close();
    current = null;
  };

  const report = (result: NotificationAnswerResult) => {
    if (!result.ok) options.onVoteError?.(result.error.message);
  };

  const answer = async (ask: NotificationAsk, index: number) => {
    if (current?.id === ask.id) current = null;
    if (ask.kind === 'choice') {
      const option = ask.choice.options[index];
      if (option === undefined) return;
      // Deterministic key: a double-delivered action records one vote (the core replays the key).
      report(
        await options.vote({
          session: ask.choice.session,
          task: ask.choice.task,
          shown: ask.choice.shown,
          chosen: option.arm,
          key: `notification:${ask.choice.session}:${ask.choice.task}`,
        }),
      );
      return;
    }
    const request = suggestionAnswer(ask.suggestion, index);
    if (request && options.answer) report(await options.answer({ task: ask.task, answer: request }));
  };

  const announce = (ask: NotificationAsk, settings: { sound: boolean }) => {
    const actions = options.notifier.supportsActions;
    const look = {
      actions,
      sound: settings.sound,
      ...(options.clickHint === undefined ? {} : { clickHint: options.clickHint }),
    };
    const spec =
      ask.kind === 'choice'
        ? choiceNotification(ask.choice, look)
        : suggestionNotification(ask.suggestion, look);
    const shown = options.notifier.show(spec, {
      onAction: (index) => {
        if (actions) void answer(ask, index);
      },
      onClick: () => {
        if (current?.id === ask.id) current = null;
        options.onClick(ask);
      },
    });
    current = { id: ask.id, shown };
    options.budget?.note(ask.skill, ask.task);
    options.onAnnounce?.(ask);
  };

  return {
    update(snapshot) {
      const settings = options.settings();
      const asks = asksOf(snapshot);
      if (current !== null && (!asks.some((ask) => ask.id === current?.id) || !settings.enabled)) withdraw();
      if (!settings.enabled || current !== null) return;
      for (const ask of asks) {
        if (seen.has(ask.id)) continue;
        seen.add(ask.id);
        if (options.budget && !options.budget.mayPrompt(ask.skill)) continue;
        announce(ask, settings);
        return;
      }
    },
    announced: () => current?.id ?? null,
  };
}
