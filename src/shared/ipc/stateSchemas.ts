import { z } from 'zod';
import { promptSources, sessionStatuses } from '../values/columnValues';

/** Instants cross IPC as ISO-8601 strings (`Date#toISOString`), so the JSON test bridge carries them too. */
export const instantSchema = z.iso.datetime();

const skillId = z.string().min(1).max(64);
const count = z.int().min(0);
const fraction = z.number().min(0).max(1);

export const skillHealthSchema = z.enum(['healthy', 'dropping', 'insufficient-data']);
/** What the popover shows per skill: the monitor's health, or what evolution is doing now. */
export const skillStatusSchema = z.enum(['healthy', 'dropping', 'insufficient-data', 'evolving', 'testing']);
export type SkillStatus = z.infer<typeof skillStatusSchema>;

export const sessionStatusSchema = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
export const promptSourceSchema = z.enum(promptSources);

/** One day of the sparkline: accepted share of that day's feedback on any version, `null` without any. */
export const accuracyPointSchema = z.object({
  day: instantSchema,
  accuracy: fraction.nullable(),
  samples: count,
});

/** An open evolution session as the skill row shows it (breeding progress or votes k/max). */
export const openSessionSchema = z.object({
  id: z.string(),
  status: sessionStatusSchema,
  votes: count,
  maxVotes: count,
  /** Breeding progress 0–1 (meaningful while `breeding`/`screening`). */
  progress: fraction,
});

export const skillSummarySchema = z.object({
  id: skillId,
  name: z.string(),
  version: z.int().min(1),
  source: promptSourceSchema,
  activeSince: instantSchema.nullable(),
  /** Over the monitor window, active version only; `null` without feedback. */
  accuracy: fraction.nullable(),
  samples: count,
  threshold: fraction,
  windowDays: z.number().positive(),
  health: skillHealthSchema,
  status: skillStatusSchema,
  /** Oldest first, one point per day of the window. */
  sparkline: z.array(accuracyPointSchema),
  session: openSessionSchema.nullable(),
  evolutionDue: z.boolean(),
  /** Why evolution is (not) due, one sentence. */
  reason: z.string(),
});
export type SkillSummary = z.infer<typeof skillSummarySchema>;

/** An arm's posterior, computed in main from the stored votes. */
export const armPosteriorSchema = z.object({
  arm: z.string(),
  wins: count,
  losses: count,
  mean: fraction,
  pBest: fraction,
});
export type ArmPosteriorView = z.infer<typeof armPosteriorSchema>;

/** One distinct output; `arm` is recorded when it is picked, `sameAs` produced the identical output. */
export const choiceOptionSchema = z.object({
  arm: z.string(),
  sameAs: z.array(z.string()),
  /** The output as the user reads it (e.g. the proposed file name), one or a few lines. */
  text: z.string(),
});

/** A comparison waiting for the user: a real task, its distinct outputs in random order, the test's state. */
export const pendingChoiceSchema = z.object({
  session: z.string(),
  skill: skillId,
  skillName: z.string(),
  /** What the card asks, e.g. "Which file name is better?" (the skill's own question). */
  question: z.string(),
  task: z.string(),
  /** The task in one line, e.g. `scan001.pdf · 1.2 KB · "PRESCRIPTION…"`. */
  taskLine: z.string(),
  createdAt: instantSchema,
  options: z.array(choiceOptionSchema).min(2).max(3),
  /** Send back as the vote's `shown`: the arms of `options`, in order. */
  shown: z.array(z.string()).min(2).max(3),
  votes: count,
  maxVotes: count,
  arms: z.array(armPosteriorSchema),
  /** From `summarizeLeader`, e.g. "A is leading (P(best) 0.82); about 10 more votes to confirm." */
  summary: z.string(),
});
export type PendingChoice = z.infer<typeof pendingChoiceSchema>;

/** The model as the app sees it; `unavailable` when this process runs without the model layer. */
export const modelStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unavailable'), reason: z.string() }),
  z.object({
    state: z.literal('missing'),
    model: z.string(),
    reason: z.string(),
    /** Bytes an interrupted download left; a download resumes from them. */
    partialBytes: count,
    sizeBytes: count.nullable(),
  }),
  z.object({
    state: z.literal('downloading'),
    model: z.string(),
    received: count,
    total: count.nullable(),
  }),
  z.object({ state: z.literal('ready'), model: z.string(), loaded: z.boolean() }),
  z.object({
    state: z.literal('error'),
    model: z.string(),
    message: z.string(),
    partialBytes: count,
    sizeBytes: count.nullable(),
  }),
]);
export type ModelStatus = z.infer<typeof modelStatusSchema>;

/** The cloud judge's API key as a page may know it: stored or not, and where; never the key. */
export const judgeKeyStatusSchema = z.object({
  stored: z.boolean(),
  /** e.g. "the system keychain (judge-api-key)". */
  where: z.string(),
});
export type JudgeKeyStatus = z.infer<typeof judgeKeyStatusSchema>;
