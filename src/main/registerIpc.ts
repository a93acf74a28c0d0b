import { type ChannelKey, channels } from '../shared/ipc/channels';
import type { IpcResult } from '../shared/ipc/ipcResult';
import { dispatchIpc, type IpcHandlers } from './ipc/dispatchIpc';
import type { SenderFrame } from './isTrustedSender';

/** What registration needs of Electron's `ipcMain`. */
export interface IpcMainPort {
  handle(
    channel: string,
    listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

/** Thrown to a caller that is not one of our pages; it never reaches the dispatcher. */
export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/**
 * Registers one `ipcMain.handle` per contract channel. Each checks the sender frame first (ours, main
 * frame), then hands the untrusted payload to {@link dispatchIpc}, which parses it with the channel's
 * schema and answers a typed result, never a throw. A refused sender gets a rejected call: it is not
 * our code, so there is nobody to show a typed error to.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 *
 * @returns the channel names registered
 */
export function registerIpc(options: {
  ipcMain: IpcMainPort;
  handlers: IpcHandlers;
  isTrusted(frame: SenderFrame | null): boolean;
  /** After every call: main re-checks for changes and pushes a snapshot if something moved. */
  afterCall?(): void;
}): string[] {
  return (Object.keys(channels) as ChannelKey[]).map((key) => {
    const name = channels[key].name;
    options.ipcMain.handle(name, async (event, ...args): Promise<IpcResult<unknown>> => {
      if (!options.isTrusted(event.senderFrame)) {
        throw new UntrustedSenderError(`${name}: refused a call from a frame that is not a tinyArms page`);
      }
      // Exactly one argument crosses: the preload forwards only the request, so extra ones are a misuse.
      const result =
        args.length > 1
          ? ({
              ok: false,
              error: { code: 'invalid-request', message: `${name}: takes one argument, got ${args.length}` },
            } as const)
          : await dispatchIpc(options.handlers, name, args[0]);
      try {
        options.afterCall?.();
      } catch {
        // A failed push must not turn an answered call into an error.
      }
      return result;
    });
    return name;
  });
}
