import type { TinyArmsApi } from '../../shared/ipc/channels';

declare global {
  interface Window {
    /** Exposed by the preload (or the e2e test shim); absent when the page is opened on its own. */
    readonly tinyarms?: TinyArmsApi;
  }
}
