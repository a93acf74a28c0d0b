import type { z } from 'zod';
import { ConfigError } from '../../core/config/configError';
import { UserInputError } from '../../core/coreContext';
import { type ChannelKey, type Channels, channels, type ResponseOf } from '../../shared/ipc/channels';
import type { IpcError, IpcIssue, IpcResult } from '../../shared/ipc/ipcResult';
import { popoverWording } from './popoverWording';

/** One function per channel; each receives its request already parsed by the contract. */
export type IpcHandlers = {
  readonly [K in ChannelKey]: (
    request: z.output<Channels[K]['request']>,
  ) => z.input<Channels[K]['response']> | Promise<z.input<Channels[K]['response']>>;
};

/**
 * Thrown by a handler whose service (model layer, breeder) is not part of this process; the page
 * gets `{ code: 'unavailable' }` and can say so instead of failing.
 */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
}

const MAX_MESSAGE = 500;
const MAX_ISSUES = 20;

const channelKeyByName = new Map<string, ChannelKey>(
  (Object.keys(channels) as ChannelKey[]).map((key) => [channels[key].name, key]),
);

function issuesOf(error: z.ZodError): IpcIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message.slice(0, MAX_MESSAGE),
  }));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function failure(error: IpcError): { ok: false; error: IpcError } {
  return { ok: false, error };
}

/** Maps what a handler threw to a typed error; the message is one line the page may show. */
function errorOf(thrown: unknown): IpcError {
  if (thrown instanceof ConfigError) {
    return {
      code: 'user-input',
      message: thrown.message.slice(0, MAX_MESSAGE),
      issues: thrown.issues
        .slice(0, MAX_ISSUES)
        .map((issue) => ({ path: issue.key, message: issue.problem })),
    };
  }
  if (thrown instanceof UserInputError) {
    return {
      code: 'user-input',
      reason: thrown.code,
      message: firstLine(popoverWording(thrown)).slice(0, MAX_MESSAGE),
    };
  }
  if (thrown instanceof ServiceUnavailableError) {
    return { code: 'unavailable', message: thrown.message.slice(0, MAX_MESSAGE) };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'internal', message: message.split('\n')[0]?.slice(0, MAX_MESSAGE) || 'unexpected error' };
}

/**
 * The trust boundary, without Electron: looks `channelName` up in the contract, parses `rawPayload`
 * with its request schema (invalid → `invalid-request`, and no handler runs), calls the handler,
 * parses the answer with the response schema, and wraps everything in an {@link IpcResult}.
 * Never throws and never rejects. Main calls it after checking the sender frame; the e2e test bridge
 * and the fuzz test call it directly.
 *
 * @param channelName - the wire name, e.g. `choice:vote`
 * @param rawPayload - the first argument the page sent, untrusted
 */
export async function dispatchIpc(
  handlers: IpcHandlers,
  channelName: string,
  rawPayload: unknown,
): Promise<IpcResult<ResponseOf<ChannelKey>>> {
  try {
    const key = typeof channelName === 'string' ? channelKeyByName.get(channelName) : undefined;
    if (key === undefined) {
      return failure({
        code: 'unknown-channel',
        message: `no IPC channel ${String(channelName).slice(0, 100)}`,
      });
    }
    const channel: Channels[ChannelKey] = channels[key];
    const request = channel.request.safeParse(rawPayload);
    if (!request.success) {
      return failure({
        code: 'invalid-request',
        message: `${channel.name}: the request does not match the contract`,
        issues: issuesOf(request.error),
      });
    }
    const handler = handlers[key] as (request: unknown) => unknown;
    let answer: unknown;
    try {
      answer = await handler(request.data);
    } catch (thrown) {
      return failure(errorOf(thrown));
    }
    const response = channel.response.safeParse(answer);
    if (!response.success) {
      return failure({
        code: 'invalid-response',
        message: `${channel.name}: main produced an answer outside the contract`,
        issues: issuesOf(response.error),
      });
    }
    return { ok: true, value: response.data as ResponseOf<ChannelKey> };
  } catch (thrown) {
    // A throwing getter on a hostile payload, or a bug above: still an answer, never a crash.
    return failure(errorOf(thrown));
  }
}
