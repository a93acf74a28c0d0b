import type { TinyArmsApi } from '../../shared/ipc/channels';

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page is opened outside Electron. */
    readonly tinyarms?: TinyArmsApi;
  }
}
