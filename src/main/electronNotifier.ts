import type { Notifier, ShownNotification } from '../core/app/notificationRouter';
import type { MainElectron, MainNotification } from './mainElectron';

type NotificationClass = MainElectron['Notification'];

/**
 * The {@link Notifier} on Electron's `Notification`. Buttons only on macOS, where a notification's
 * actions are delivered to the app (macOS lists all but the first under "Options"). Shown
 * notifications are kept referenced until closed: Electron drops the events of a notification the
 * garbage collector took. https://www.electronjs.org/docs/latest/api/notification
 */
export function electronNotifier(Notification: NotificationClass, platform: NodeJS.Platform): Notifier {
  const alive = new Set<MainNotification>();
  const supportsActions = platform === 'darwin' && Notification.isSupported();
  return {
    supportsActions,
    show(spec, events): ShownNotification {
      const macOS = platform === 'darwin';
      const notification = new Notification({
        title: spec.title,
        ...(macOS ? { subtitle: spec.subtitle } : {}),
        body: macOS ? spec.body : `${spec.subtitle}\n${spec.body}`,
        silent: spec.silent,
        actions: supportsActions ? spec.actions.map((text) => ({ type: 'button' as const, text })) : [],
      });
      alive.add(notification);
      notification.on('action', (details) => events.onAction(details.actionIndex));
      notification.on('click', () => events.onClick());
      notification.on('close', () => alive.delete(notification));
      notification.show();
      return {
        close() {
          alive.delete(notification);
          notification.close();
        },
      };
    },
  };
}
