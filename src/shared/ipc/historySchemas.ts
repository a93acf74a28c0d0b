import { z } from 'zod';
import { sessionTriggers, variantStatuses } from '../values/columnValues';
import { armPosteriorSchema, instantSchema, promptSourceSchema, sessionStatusSchema } from './stateSchemas';

const count = z.int().min(0);
const version = z.int().min(1);
const fraction = z.number().min(0).max(1);

export const historyVariantSchema = z.object({
  id: z.string(),
  letter: z.string(),
  status: z.enum(variantStatuses),
  operator: z.string(),
  reasoning: z.string().nullable(),
  fitness: z.number().nullable(),
  template: z.string(),
  /** Its example policy in words ("2 most similar examples, best last"). */
  examples: z.string(),
  /** The judge's rubric score (0–100) and the tier that gave it; null when no judge screened it. */
  judge: z.object({ score: z.number().min(0).max(100), tier: z.string(), reason: z.string() }).nullable(),
});

export const historySessionSchema = z.object({
  id: z.string(),
  status: sessionStatusSchema,
  trigger: z.enum(sessionTriggers),
  startedAt: instantSchema,
  completedAt: instantSchema.nullable(),
  winner: z.string().nullable(),
  decisionRule: z.string().nullable(),
  decisionReason: z.string().nullable(),
  promotedVersion: version.nullable(),
  votes: count,
  skips: count,
  maxVotes: count,
  variants: z.array(historyVariantSchema),
  arms: z.array(armPosteriorSchema),
});
export type HistorySession = z.infer<typeof historySessionSchema>;

export const historyVersionSchema = z.object({
  version,
  source: promptSourceSchema,
  parentVersion: version.nullable(),
  createdAt: instantSchema,
  activeFrom: instantSchema.nullable(),
  activeTo: instantSchema.nullable(),
  /** The skill's accuracy when this version took over (the outgoing version's). */
  accuracyBefore: fraction.nullable(),
  /** Current window accuracy for the active version; the stored end accuracy for older ones. */
  accuracy: fraction.nullable(),
  session: z.string().nullable(),
  notes: z.string().nullable(),
  template: z.string(),
  /** Its example policy in words ("2 most similar examples, best last"). */
  examples: z.string(),
});
export type HistoryVersion = z.infer<typeof historyVersionSchema>;

export const promptHistorySchema = z.object({
  skill: z.string(),
  skillName: z.string(),
  active: version,
  /** Oldest first. */
  versions: z.array(historyVersionSchema),
  /** Newest first. */
  sessions: z.array(historySessionSchema),
});
export type PromptHistoryView = z.infer<typeof promptHistorySchema>;

export const diffLineSchema = z.object({
  op: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});
export type DiffLine = z.infer<typeof diffLineSchema>;

export const promptDiffSchema = z.object({
  skill: z.string(),
  from: version,
  to: version,
  lines: z.array(diffLineSchema),
  added: count,
  removed: count,
});
export type PromptDiff = z.infer<typeof promptDiffSchema>;
