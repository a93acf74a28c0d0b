import type NodeNotifier from 'node-notifier';
import type NotificationCenter from 'node-notifier/notifiers/notificationcenter';
import type { Notifier, ShownNotification } from '../core/app/notificationRouter';

/**
 * terminal-notifier flags that node-notifier passes through (`-group`, `-remove`) but
 * @types/node-notifier does not declare. https://github.com/julienXX/terminal-notifier#options
 */
interface TerminalNotifierFlags {
  /** Names the notification so a later `remove` can take it off the screen. */
  group?: string;
  remove?: string;
}

/** One notification as node-notifier takes it (the Notification Center options, the widest set). */
export type NodeNotification = NotificationCenter.Notification & TerminalNotifierFlags;

/** The part of node-notifier's default export the adapter calls; the real module is checked against it. */
export interface NotifyCentre {
  notify(notification: NodeNotification, callback?: NodeNotifier.NotificationCallback): unknown;
}

/** The CLI's {@link Notifier}: what the platform reports back, and a way to clean up on exit. */
export interface CliNotifier extends Notifier {
  /** False where the notification centre never reports a click (notify-send on Linux). */
  readonly reportsClicks: boolean;
  /** Takes what is still shown off the screen (macOS) and stops reporting its events. */
  dispose(): void;
}

/** terminal-notifier waits this long for a button; node-notifier's default (10 s) is too short to answer. */
const ACTION_TIMEOUT_S = 15 * 60;
/** Without buttons, how long a click is still reported. */
const CLICK_TIMEOUT_S = 60;

/** The button a terminal-notifier answer names, by index (dropdowns) or by label. */
function actionIndex(actions: readonly string[], metadata: NodeNotifier.NotificationMetadata): number {
  const index = Number(metadata.activationValueIndex);
  if (metadata.activationValueIndex !== undefined && Number.isInteger(index) && actions[index] !== undefined)
    return index;
  return metadata.activationValue === undefined ? -1 : actions.indexOf(metadata.activationValue);
}

/**
 * The {@link Notifier} on node-notifier, for `tinyarms watch --notify`. Buttons on macOS only
 * (node-notifier drives terminal-notifier there, which reports the pressed action); Windows toasts
 * report a click; Linux's notify-send reports nothing back, so the terminal carries the answer
 * command. Events come from each notification's own callback rather than the module's shared
 * 'click'/'timeout' events, which node-notifier emits only for the latest notification.
 *
 * @param onError receives node-notifier's failure (e.g. notify-send not installed), once per notification
 */
export function nodeNotifier(
  centre: NotifyCentre,
  platform: NodeJS.Platform,
  onError?: (message: string) => void,
): CliNotifier {
  const macOS = platform === 'darwin';
  const live = new Map<string, () => void>();
  let serial = 0;

  return {
    supportsActions: macOS,
    reportsClicks: macOS || platform === 'win32',
    show(spec, events): ShownNotification {
      const group = `tinyarms-${process.pid}-${++serial}`;
      const actions = macOS ? spec.actions : [];
      let done = false;
      const close = () => {
        if (done) return;
        done = true;
        live.delete(group);
        if (macOS) centre.notify({ remove: group });
      };
      const notification: NodeNotification = {
        title: spec.title,
        message: macOS ? spec.body : `${spec.subtitle}\n${spec.body}`,
        sound: !spec.silent,
        ...(macOS
          ? {
              subtitle: spec.subtitle,
              group,
              timeout: actions.length > 0 ? ACTION_TIMEOUT_S : CLICK_TIMEOUT_S,
            }
          : { wait: platform === 'win32' }),
        ...(actions.length > 0
          ? {
              actions: [...actions],
              closeLabel: 'Later',
              ...(actions.length > 1 ? { dropdownLabel: 'Answer' } : {}),
            }
          : {}),
      };
      live.set(group, close);
      centre.notify(notification, (error, response, metadata) => {
        if (done) return;
        if (error) {
          done = true;
          live.delete(group);
          onError?.(error instanceof Error ? error.message : String(error));
          return;
        }
        if (metadata?.activationType === 'actionClicked') {
          const index = actionIndex(actions, metadata);
          done = true;
          live.delete(group);
          if (index >= 0) events.onAction(index);
          return;
        }
        // node-notifier reads terminal-notifier's "contentsClicked" (and a toast's click) as 'activate';
        // 'timeout' and 'closed' leave the ask waiting in `tinyarms suggestions`.
        done = true;
        live.delete(group);
        if (response === 'activate') events.onClick();
      });
      return { close };
    },
    dispose() {
      for (const close of [...live.values()]) close();
    },
  };
}
