import type { NotificationSpec } from '../../src/core/app/choiceNotification';
import type { Notifier } from '../../src/core/app/notificationRouter';

/**
 * The OS notification centre as a recording double (the port the app's Electron adapter and the
 * CLI's node-notifier adapter implement): what it showed, whether it was closed, and its buttons to press.
 */
export function recordingNotifier(supportsActions: boolean) {
  const shown: {
    spec: NotificationSpec;
    closed: boolean;
    events: { onAction(index: number): void; onClick(): void };
  }[] = [];
  const notifier: Notifier = {
    supportsActions,
    show(spec, events) {
      const entry = { spec, closed: false, events };
      shown.push(entry);
      return {
        close: () => {
          entry.closed = true;
        },
      };
    },
  };
  return { notifier, shown };
}
