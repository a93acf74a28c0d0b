import { z } from 'zod';
import { type ConfigIssue, toConfigIssues } from '../values/configIssues';
import { configSchema } from '../values/configSchema';

/** `{ key: 'ab_testing.min_votes', problem: 'must be ≤ max_votes (50), got 80' }`, shown beside the field. */
export const settingsIssueSchema = z.object({ key: z.string(), problem: z.string() });

/** Most problems one answer lists; a form shows a handful, and a hostile patch must not be echoed back. */
export const MAX_ANSWER_ISSUES = 50;

/**
 * A list of problems as main answers it: the first {@link MAX_ANSWER_ISSUES} − 1 as they are, the rest
 * counted in a last entry under the section of the first one left out. Applied when main parses its
 * own answer, so no handler can send more.
 */
const boundedIssues = z.array(settingsIssueSchema).transform((issues) => {
  if (issues.length <= MAX_ANSWER_ISSUES) return issues;
  const kept = issues.slice(0, MAX_ANSWER_ISSUES - 1);
  const rest = issues.length - kept.length;
  const section = issues[kept.length]?.key.split('.')[0] ?? '';
  return [...kept, { key: section, problem: `and ${rest} more problems` }];
});

export const settingsSchema = z.object({
  config: configSchema,
  defaults: configSchema,
  /** Where the settings live (`<data folder>/config.yaml`), for the footer. */
  path: z.string(),
  /** What is wrong with the file on disk, if anything; the app uses defaults for those keys. */
  fileProblem: z.object({ message: z.string(), issues: boundedIssues }).nullable(),
});
export type SettingsView = z.infer<typeof settingsSchema>;

/** The config has nine sections; a form never sends more than a few kilobytes. */
export const MAX_SETTINGS_SECTIONS = 32;
export const MAX_SETTINGS_CHARS = 64 * 1024;

/**
 * Whether a value's keys and strings (each other value counted as 8) stay within `budget`
 * characters; stops counting as soon as they do not, and handles any structured-clone value (no
 * JSON.stringify: a BigInt or a cycle would throw).
 */
function sizeWithin(value: unknown, budget: number): boolean {
  let left = budget;
  const seen = new Set<object>();
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string') left -= v.length;
    else if (v === null || typeof v !== 'object') left -= 8;
    else {
      if (seen.has(v)) return false;
      seen.add(v);
      for (const [key, child] of Object.entries(v)) {
        left -= key.length;
        if (left < 0 || !visit(child)) return false;
      }
    }
    return left >= 0;
  };
  return visit(value);
}

/**
 * The whole settings object as the form holds it. Only its shape as a mapping is checked here; the
 * handler validates it against `configSchema` and answers per key, so a bad value is an inline
 * message, not a rejected call. `base` is the settings the form was opened with: only the keys that
 * differ from it are written, so an edit made to config.yaml meanwhile is kept.
 */
export const setSettingsRequestSchema = z.object({
  config: z
    .record(z.string().max(64), z.unknown())
    .refine((config) => Object.keys(config).length <= MAX_SETTINGS_SECTIONS, {
      message: `at most ${MAX_SETTINGS_SECTIONS} sections`,
    })
    .refine((config) => sizeWithin(config, MAX_SETTINGS_CHARS), {
      message: `at most ${MAX_SETTINGS_CHARS} characters of keys and values`,
    }),
  base: configSchema,
});

export const setSettingsResponseSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), settings: settingsSchema }),
  z.object({ saved: z.literal(false), issues: boundedIssues.pipe(z.array(settingsIssueSchema).min(1)) }),
]);
export type SetSettingsResponse = z.infer<typeof setSettingsResponseSchema>;

/**
 * Per-key problems of a candidate config under the same schema main saves with; `[]` when valid.
 * The preferences window runs it on every edit for inline messages.
 */
export function settingsIssues(candidate: unknown): ConfigIssue[] {
  const checked = configSchema.safeParse(candidate, { reportInput: true });
  return checked.success ? [] : toConfigIssues(checked.error.issues);
}
