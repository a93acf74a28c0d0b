import type Database from 'better-sqlite3';
import { z } from 'zod';
import { camelizeRow } from './camelizeRow';
import { type TaskSource, taskSources, type Verdict, verdicts } from './columnValues';
import { newId } from './newId';
import { jsonText, sqlTime, toSqlTime } from './sqlTime';

const taskRow = z
  .object({
    id: z.string(),
    skill: z.string(),
    input: jsonText,
    created_at: sqlTime,
    source: z.enum(taskSources),
  })
  .transform(camelizeRow);
export type Task = z.output<typeof taskRow>;

const runRow = z
  .object({
    id: z.number().int(),
    task: z.string(),
    prompt_version: z.number().int().nullable(),
    variant: z.string().nullable(),
    arm: z.string(),
    output: jsonText,
    latency_ms: z.number().nullable(),
    tokens: z.number().nullable(),
    model: z.string().nullable(),
    created_at: sqlTime,
    examples: jsonText.pipe(z.array(z.string())),
  })
  .transform(camelizeRow);
export type TaskRun = z.output<typeof runRow>;

const feedbackRow = z
  .object({
    task: z.string(),
    skill: z.string(),
    prompt_version: z.number().int(),
    verdict: z.enum(verdicts),
    correction: jsonText.nullable(),
    created_at: sqlTime,
  })
  .transform(camelizeRow);
export type Feedback = z.output<typeof feedbackRow>;

const toTask = (row: unknown): Task => taskRow.parse(row);
const toRun = (row: unknown): TaskRun => runRow.parse(row);
const toFeedback = (row: unknown): Feedback => feedbackRow.parse(row);

export interface NewTaskRun {
  task: string;
  promptVersion: number | null;
  variant: string | null;
  /** `original` for the active prompt, a variant letter in an A/B test. */
  arm: string;
  output: unknown;
  latencyMs: number | null;
  tokens: number | null;
  model: string | null;
  /** Task ids of the bank examples the prompt showed as demonstrations. @default none */
  examples?: readonly string[];
}

/** Tasks, the model runs made for them, and the user's verdict on each. */
export function taskRepository(db: Database.Database) {
  return {
    createTask(task: { skill: string; input: unknown; source: TaskSource }, now: Date): Task {
      const id = newId('t');
      db.prepare('INSERT INTO tasks (id, skill, input, created_at, source) VALUES (?, ?, ?, ?, ?)').run(
        id,
        task.skill,
        JSON.stringify(task.input),
        toSqlTime(now),
        task.source,
      );
      return { id, skill: task.skill, input: task.input, createdAt: now, source: task.source };
    },

    addRun(run: NewTaskRun, now: Date): TaskRun {
      const result = db
        .prepare(
          `INSERT INTO task_runs (task, prompt_version, variant, arm, output, latency_ms, tokens, model, examples, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.task,
          run.promptVersion,
          run.variant,
          run.arm,
          JSON.stringify(run.output),
          run.latencyMs,
          run.tokens,
          run.model,
          JSON.stringify(run.examples ?? []),
          toSqlTime(now),
        );
      return {
        ...run,
        examples: [...(run.examples ?? [])],
        id: Number(result.lastInsertRowid),
        createdAt: now,
      };
    },

    getTask(id: string): Task | null {
      const row = db.prepare('SELECT * FROM tasks WHERE id = ?').get(id);
      return row ? toTask(row) : null;
    },

    runsFor(task: string): TaskRun[] {
      return db.prepare('SELECT * FROM task_runs WHERE task = ? ORDER BY id').all(task).map(toRun);
    },

    /**
     * Records (or changes) the user's verdict on a task. The verdict is charged to the prompt version
     * whose output was used: the active prompt's run, else the version active when the task arrived.
     * Call inside a write transaction.
     */
    recordFeedback(
      feedback: { task: string; skill: string; promptVersion: number; verdict: Verdict; correction: unknown },
      now: Date,
    ): Feedback {
      const correction = feedback.verdict === 'corrected' ? JSON.stringify(feedback.correction) : null;
      db.prepare(
        `INSERT INTO feedback (task, skill, prompt_version, verdict, correction, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (task) DO UPDATE SET
           verdict = excluded.verdict, correction = excluded.correction, created_at = excluded.created_at`,
      ).run(
        feedback.task,
        feedback.skill,
        feedback.promptVersion,
        feedback.verdict,
        correction,
        toSqlTime(now),
      );
      const stored = this.feedbackFor(feedback.task);
      if (!stored) throw new Error(`feedback for task ${feedback.task} was not stored`);
      return stored;
    },

    feedbackFor(task: string): Feedback | null {
      const row = db.prepare('SELECT * FROM feedback WHERE task = ?').get(task);
      return row ? toFeedback(row) : null;
    },

    /** Feedback on a skill since an instant (inclusive), oldest first. */
    feedbackSince(skill: string, since: Date): Feedback[] {
      return db
        .prepare('SELECT * FROM feedback WHERE skill = ? AND created_at >= ? ORDER BY created_at')
        .all(skill, toSqlTime(since))
        .map(toFeedback);
    },

    /** The newest corrected or rejected tasks of a skill, newest first. */
    recentFailures(skill: string, limit: number): Feedback[] {
      return db
        .prepare(
          `SELECT * FROM feedback WHERE skill = ? AND verdict IN ('corrected', 'rejected')
           ORDER BY created_at DESC LIMIT ?`,
        )
        .all(skill, limit)
        .map(toFeedback);
    },
  };
}

export type TaskRepository = ReturnType<typeof taskRepository>;
