import type { TinyArmsApi } from '../../../shared/ipc/channels';
import type { IpcError } from '../../../shared/ipc/ipcResult';

/** The contract's API, or a clear failure when the page runs outside the app. */
export function bridge(): TinyArmsApi {
  const api = window.tinyarms;
  if (!api) throw new Error('tinyArms is not connected: open this page from the menu-bar app.');
  return api;
}

/** One line for an IPC error, as the user should read it. */
export function describeError(error: IpcError | Error): string {
  if (error instanceof Error) return error.message;
  switch (error.code) {
    case 'unavailable':
    case 'user-input':
      return error.message;
    case 'invalid-request':
    case 'unknown-channel':
    case 'invalid-response':
    case 'internal':
      return `Something went wrong (${error.code}): ${error.message}`;
    default:
      return error.code satisfies never;
  }
}
