import type { Event, HandlerDetails, Session, WindowOpenHandlerResponse } from 'electron';

/**
 * Origins `shell.openExternal` may open (the system browser, never an app window). Links to the
 * project and to where models and API keys come from; everything else is dropped.
 * https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */
export const externalUrlAllowList: readonly string[] = Object.freeze([
  'https://github.com',
  'https://huggingface.co',
  'https://platform.openai.com',
]);

/** Whether `url` is an https URL on an allow-listed origin (exact origin, so `github.com.evil` fails). */
export function isAllowedExternalUrl(
  url: string,
  allowList: readonly string[] = externalUrlAllowList,
): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && parsed.username === '' && allowList.includes(parsed.origin);
}

/** The part of Electron's `Session` the hardening touches; tests pass a recorder. */
export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/**
 * Denies every permission request and check (camera, notifications from the page, geolocation…): no
 * tinyArms page needs one, and notifications come from main. Call once per session, before any page.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
export function hardenSession(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The events and hooks of Electron's `WebContents` the hardening uses. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate', listener: (event: Event) => void): unknown;
  on(event: 'will-redirect', listener: (event: Event) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
}

/**
 * Blocks what no tinyArms page needs: navigating away (a page that navigated would keep the preload's
 * API), redirects, `<webview>`, and new windows. A link the page tries to open in a new window goes
 * to the system browser if it is allow-listed, and nowhere otherwise.
 * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */
export function hardenWebContents(
  contents: HardenableContents,
  openExternal: (url: string) => void,
  allowList: readonly string[] = externalUrlAllowList,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, allowList)) openExternal(url);
    return { action: 'deny' };
  });
  const block = (event: Event) => event.preventDefault();
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', block);
}
