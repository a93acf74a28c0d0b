import { z } from 'zod';
import { instantSchema, modelStatusSchema, pendingChoiceSchema, skillSummarySchema } from './stateSchemas';
import { intakeProgressSchema, renameViewSchema, suggestionViewSchema } from './suggestionSchemas';

/** Everything the popover renders; main pushes a fresh one after every change. */
export const stateSnapshotSchema = z.object({
  appVersion: z.string(),
  generatedAt: instantSchema,
  skills: z.array(skillSummarySchema),
  /** A/B choices on tasks that are not suggestions (e.g. from `tinyarms run`), newest first. */
  pending: z.array(pendingChoiceSchema),
  /** Tasks from watchers waiting for an answer, newest first; snoozed ones are left out. */
  suggestions: z.array(suggestionViewSchema),
  /** Renames that can still be undone, newest first. */
  renames: z.array(renameViewSchema),
  intake: intakeProgressSchema,
  model: modelStatusSchema,
  evolutionPaused: z.boolean(),
  /** A broken config.yaml, one line; the app runs on the defaults for the bad keys meanwhile. */
  configProblem: z.string().nullable(),
});
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>;
