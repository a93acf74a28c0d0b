import type { BrowserWindow } from 'electron';
import { createSecureWindow, type SecureWindowOptions } from './createSecureWindow';
import { pageUrl } from './pageUrl';
import type { WindowConstructor } from './popoverWindow';

/** A normal, fixed-size window like a Mac settings window: no full screen, no maximize. */
export const preferencesWindowOptions = Object.freeze({
  width: 640,
  height: 680,
  minWidth: 560,
  minHeight: 480,
  show: false,
  title: 'tinyArms Preferences',
  maximizable: false,
  fullscreenable: false,
} satisfies Omit<SecureWindowOptions, 'preload'>);

/** What the opener needs of a `BrowserWindow`. */
export interface PreferencesWindowPort
  extends Pick<BrowserWindow, 'loadURL' | 'show' | 'focus' | 'isDestroyed'> {
  once(event: 'ready-to-show', listener: () => void): unknown;
}

/**
 * Opens the preferences window, or brings the open one to the front: there is never more than one.
 * A new window is shown once its first paint is ready, so it never flashes empty.
 */
export function preferencesWindowOpener<W extends PreferencesWindowPort>(
  Window: WindowConstructor<W>,
  { preload, devServerUrl }: { preload: string; devServerUrl?: string | undefined },
): { open(): W; current(): W | null } {
  let window: W | null = null;
  return {
    open() {
      if (window !== null && !window.isDestroyed()) {
        window.show();
        window.focus();
        return window;
      }
      const created = createSecureWindow(Window, { ...preferencesWindowOptions, preload });
      created.once('ready-to-show', () => created.show());
      void created.loadURL(pageUrl('preferences.html', devServerUrl));
      window = created;
      return created;
    },
    current: () => (window !== null && !window.isDestroyed() ? window : null),
  };
}
