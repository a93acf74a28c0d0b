import { z } from 'zod';
import { suggestionAnswerSchema } from '../values/suggestionAnswer';
import { instantSchema, pendingChoiceSchema } from './stateSchemas';

const count = z.int().min(0);
const taskId = z.string().min(1).max(64);

/** What a suggestion proposes, per skill: the part the card shows. */
export const suggestionDetailSchema = z.discriminatedUnion('skill', [
  z.object({
    skill: z.literal('file-naming'),
    /** Current name of the file. */
    from: z.string(),
    /** The proposed name, with the file's own extension (a rename never changes the type). */
    to: z.string(),
    reasoning: z.string(),
    alternatives: z.array(z.string()),
  }),
  z.object({
    skill: z.literal('audio-actions'),
    intent: z.string(),
    summary: z.string(),
    /** Suggestions only: nothing is ever executed. `index` is what an `actions` answer sends back. */
    actions: z.array(z.object({ index: count, command: z.string(), details: z.string(), when: z.string() })),
  }),
  z.object({
    skill: z.literal('markdown-analysis'),
    summary: z.string(),
    changes: z.array(
      z.object({ type: z.string(), importance: z.string(), section: z.string(), summary: z.string() }),
    ),
  }),
]);
export type SuggestionDetail = z.infer<typeof suggestionDetailSchema>;

/** A task from a watcher waiting for the user's answer. */
export const suggestionViewSchema = z.object({
  task: taskId,
  skill: z.string(),
  skillName: z.string(),
  /** The file the task is about: its name and the folder it is in (as the user would say it, `~/…`). */
  file: z.object({ name: z.string(), folder: z.string() }),
  createdAt: instantSchema,
  /** Unanswered after this instant, it expires without counting either way. */
  expiresAt: instantSchema,
  detail: suggestionDetailSchema,
  /** The card's title ("Rename this file?") and a collapsed row's one line ("a.pdf → b.pdf"), worded by the skill. */
  title: z.string(),
  line: z.string(),
  /** The user's own example the proposal followed ("named like …, which you chose on 3 Nov"), if any. */
  shapedBy: z.string().nullable(),
  /** When this task is part of an A/B test: the choice to show instead of the single proposal. */
  choice: pendingChoiceSchema.nullable(),
});
export type SuggestionView = z.infer<typeof suggestionViewSchema>;

/** A rename tinyArms made that can still be undone. */
export const renameViewSchema = z.object({
  task: taskId,
  folder: z.string(),
  from: z.string(),
  to: z.string(),
  renamedAt: instantSchema,
  undoUntil: instantSchema,
});
export type RenameView = z.infer<typeof renameViewSchema>;

/** The watcher queue: the current burst of new files being run through their skill. */
export const intakeProgressSchema = z.object({
  running: z.boolean(),
  /** Files of this burst finished, the failed ones included. */
  done: count,
  /** Of `done`, those whose skill could not run (logged; no suggestion). */
  failed: count,
  total: count,
  /** The file being processed now (name only). */
  current: z.string().nullable(),
  /** What its skill does with it, as the skill says it ("Naming"); null when it names no verb. */
  verb: z.string().nullable(),
  /** The last file that could not be processed and why (e.g. the model is not downloaded); cleared by
   * the next file that works. */
  problem: z.string().nullable(),
});
export type IntakeProgressView = z.infer<typeof intakeProgressSchema>;

export const answerSuggestionRequestSchema = z.strictObject({ task: taskId, answer: suggestionAnswerSchema });

export const answerSuggestionResponseSchema = z.object({
  task: taskId,
  /** `pending` after Skip on a choice or a snooze; `answered` otherwise. */
  status: z.enum(['pending', 'answered']),
  verdict: z.enum(['accepted', 'corrected', 'rejected']).nullable(),
  /** File naming: the name the file has now (a numeric suffix when the proposal was taken). */
  renamedTo: z.string().nullable(),
  /** One sentence for the popover, e.g. "Renamed to invoice-acme-2024-07.pdf". */
  message: z.string(),
});

export const undoRenameResponseSchema = z.object({
  task: taskId,
  /** The name restored. */
  restored: z.string(),
  message: z.string(),
});

/** What a folder/file picker is for; main chooses the dialog's title and whether it picks files. */
export const pickPurposeSchema = z.enum(['watch-folder', 'transcripts-folder', 'markdown-file']);
export type PickPurpose = z.infer<typeof pickPurposeSchema>;
