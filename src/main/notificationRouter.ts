import type { RequestOf } from '../shared/ipc/channels';
import type { IpcResult } from '../shared/ipc/ipcResult';
import type { PendingChoice, StateSnapshot } from '../shared/ipc/stateSchemas';
import { choiceNotification, type NotificationSpec } from './choiceNotification';

/** A notification on screen; closing it is a no-op once the user dismissed it. */
export interface ShownNotification {
  close(): void;
}

/** The port to the OS notification centre (Electron `Notification` in the app, a recorder in tests). */
export interface Notifier {
  /** Whether a notification can carry buttons here (Electron: macOS). Otherwise a click opens the popover. */
  readonly supportsActions: boolean;
  show(spec: NotificationSpec, events: { onAction(index: number): void; onClick(): void }): ShownNotification;
}

export interface NotificationRouterOptions {
  notifier: Notifier;
  /** Records a vote through the contract (the same `dispatchIpc` path the popover uses). */
  vote(request: RequestOf<'vote'>): Promise<IpcResult<unknown>>;
  openPopover(): void;
  /** The `notifications` section of the settings in force. */
  settings(): { enabled: boolean; sound: boolean };
  /** A vote answered from a notification failed (e.g. the session closed meanwhile). */
  onVoteError?(message: string): void;
}

export interface NotificationRouter {
  /** Called with every pushed snapshot: announces a new pending choice, withdraws an answered one. */
  update(snapshot: StateSnapshot): void;
  /** The choice currently announced, as `session/task`, or null. */
  announced(): string | null;
}

const choiceId = (choice: Pick<PendingChoice, 'session' | 'task'>) => `${choice.session}/${choice.task}`;

/**
 * Routes pending A/B choices to notifications. One notification at a time, for the newest choice,
 * and each choice at most once per run, so a busy day means one quiet prompt rather than a stack.
 * Where actions work (macOS), a button records the vote and nothing opens; elsewhere the click
 * opens the popover, which shows the same choice. A notification whose choice was answered in the
 * popover, or whose session closed, is withdrawn.
 */
export function createNotificationRouter(options: NotificationRouterOptions): NotificationRouter {
  const seen = new Set<string>();
  let current: { id: string; shown: ShownNotification } | null = null;

  const withdraw = () => {
    current?.shown.close();
    current = null;
  };

  const answer = async (choice: PendingChoice, index: number) => {
    const option = choice.options[index];
    if (option === undefined) return;
    if (current?.id === choiceId(choice)) current = null;
    // Deterministic key: a double-delivered action records one vote (the core replays the key).
    const result = await options.vote({
      session: choice.session,
      task: choice.task,
      shown: choice.shown,
      chosen: option.arm,
      key: `notification:${choice.session}:${choice.task}`,
    });
    if (!result.ok) options.onVoteError?.(result.error.message);
  };

  const announce = (choice: PendingChoice, settings: { sound: boolean }) => {
    const actions = options.notifier.supportsActions;
    const spec = choiceNotification(choice, { actions, sound: settings.sound });
    const shown = options.notifier.show(spec, {
      onAction: (index) => {
        if (actions) void answer(choice, index);
      },
      onClick: () => {
        if (current?.id === choiceId(choice)) current = null;
        options.openPopover();
      },
    });
    seen.add(choiceId(choice));
    current = { id: choiceId(choice), shown };
  };

  return {
    update(snapshot) {
      const settings = options.settings();
      const pendingIds = new Set(snapshot.pending.map(choiceId));
      if (current !== null && (!pendingIds.has(current.id) || !settings.enabled)) withdraw();
      if (!settings.enabled || current !== null) return;
      const fresh = snapshot.pending.find((choice) => !seen.has(choiceId(choice)));
      if (fresh) announce(fresh, settings);
    },
    announced: () => current?.id ?? null,
  };
}
