import { z } from 'zod';

const arm = z.string().min(1).max(32);

/**
 * What the user can do with a suggestion, wherever they answer it (popover, notification, CLI).
 * Declared once here; the IPC contract carries it as is. Dependency-free but for zod, so the
 * renderer's contract can import it.
 *
 * - `accept`: file naming renames to the proposal; audio actions accepts every action; markdown is 👍.
 * - `edit`: file naming only: rename to the name the user typed (a correction).
 * - `reject`: nothing happens on disk; the output counts as wrong.
 * - `actions`: audio actions: the indices of the actions the user kept (none executed, ever).
 * - `choose`: the A/B comparison shown instead of the single proposal; `chosen: null` is Skip, after
 *   which the active prompt's proposal is answered as usual.
 * - `snooze`: "Not now": hidden (and not asked about) for `notifications.snooze_minutes`.
 */
export const suggestionAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept') }),
  z.strictObject({ kind: z.literal('edit'), filename: z.string().min(1).max(255) }),
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({ kind: z.literal('actions'), accepted: z.array(z.int().min(0).max(31)).max(32) }),
  z.strictObject({
    kind: z.literal('choose'),
    shown: z.array(arm).min(2).max(3),
    chosen: arm.nullable(),
    /** Idempotency key of the vote (a retried or double-delivered answer records one vote). */
    key: z.string().min(8).max(128),
  }),
  z.strictObject({ kind: z.literal('snooze') }),
]);
export type SuggestionAnswer = z.infer<typeof suggestionAnswerSchema>;
