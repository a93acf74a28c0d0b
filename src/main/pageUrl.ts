import { APP_ORIGIN } from './appProtocol';

/** The renderer's pages (electron-vite multi-page input). */
export type AppPage = 'index.html' | 'preferences.html';

/**
 * Where a page loads from: the `electron-vite dev` server while developing (hot reload), our own
 * `app://tinyarms` protocol otherwise.
 *
 * @param devServerUrl `ELECTRON_RENDERER_URL`, set only by `electron-vite dev`.
 */
export function pageUrl(page: AppPage, devServerUrl?: string): string {
  return devServerUrl === undefined
    ? `${APP_ORIGIN}/${page}`
    : new URL(page, `${devServerUrl.replace(/\/?$/, '/')}`).href;
}
