import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createSecureWindow, type SecureWindowOptions } from './createSecureWindow';
import { pageUrl } from './pageUrl';

/** Popover size in DIP, like a native Mac menu-bar utility. */
export const POPOVER_SIZE = Object.freeze({ width: 360, height: 520 });

/**
 * The popover window, as `menubar` makes it: frameless, hidden until placed under the tray icon, not
 * in the task switcher, fixed size. Web preferences come from {@link createSecureWindow} only.
 */
export const popoverWindowOptions = Object.freeze({
  ...POPOVER_SIZE,
  show: false,
  frame: false,
  resizable: false,
  movable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  skipTaskbar: true,
  hasShadow: true,
  title: 'tinyArms',
} satisfies Omit<SecureWindowOptions, 'preload'>);

/** The window constructor and what it returns, as ports: tests pass a recorder. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates the popover and starts loading `index.html`. It stays hidden (the tray click shows it) and
 * is visible on every Space and over full-screen apps, where a menu-bar click can come from.
 */
export function openPopoverWindow<W extends Pick<BrowserWindow, 'loadURL' | 'setVisibleOnAllWorkspaces'>>(
  Window: WindowConstructor<W>,
  { preload, devServerUrl }: { preload: string; devServerUrl?: string | undefined },
): W {
  const window = createSecureWindow(Window, { ...popoverWindowOptions, preload });
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  void window.loadURL(pageUrl('index.html', devServerUrl));
  return window;
}
