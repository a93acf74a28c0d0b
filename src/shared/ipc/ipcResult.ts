import { z } from 'zod';
import { userInputCodes } from '../values/userInputCodes';

/**
 * Why a call failed, as the page can act on it:
 * - `invalid-request`: the payload did not match the channel's schema; nothing was called.
 * - `unknown-channel`: no such channel in the contract.
 * - `user-input`: the core refused the request (unknown skill, closed session…); `message` says why
 *   in the app's words and `reason` names the problem (`duplicate-arm`, `session-closed`…).
 * - `unavailable`: the service behind the channel (model, breeder) is not running in this process.
 * - `invalid-response`: main produced an answer outside the contract (a bug in main, not the page).
 * - `internal`: anything else; the message is safe to show.
 */
export const ipcErrorCodes = [
  'invalid-request',
  'unknown-channel',
  'user-input',
  'unavailable',
  'invalid-response',
  'internal',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

/** One problem at one place of the payload, e.g. `{ path: 'shown.2', message: 'Too big…' }`. */
export const ipcIssueSchema = z.object({ path: z.string(), message: z.string() });
export type IpcIssue = z.infer<typeof ipcIssueSchema>;

export const ipcErrorSchema = z.object({
  code: z.enum(ipcErrorCodes),
  message: z.string(),
  /** With `user-input`: which problem, so the page can act on it rather than parse `message`. */
  reason: z.enum(userInputCodes).optional(),
  issues: z.array(ipcIssueSchema).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** What every channel answers: errors are values, so nothing is lost crossing the context bridge. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The envelope's schema for a given value schema (the test bridge parses answers with it). */
export function ipcResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);
}
