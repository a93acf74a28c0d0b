import { APP_ORIGIN } from './appProtocol';

/** What the check needs of Electron's `WebFrameMain`: where the frame is and whether it is the top one. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** `scheme://host[:port]` of a URL; `URL.origin` is `"null"` for custom schemes such as `app:`. */
function schemeAndHost(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Whether an IPC call comes from one of our own pages: the main frame (an iframe or a page it
 * navigated to cannot call main) of a page served from `app://tinyarms`, or in `electron-vite dev`
 * from the dev server's origin. A destroyed or navigated-away frame arrives as `null` and is refused.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 *
 * @param devServerUrl `ELECTRON_RENDERER_URL` when running under `electron-vite dev`, else undefined.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  if (frame === null || frame === undefined || frame.parent !== null) return false;
  const origin = schemeAndHost(frame.url);
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  return devServerUrl !== undefined && origin === schemeAndHost(devServerUrl);
}
