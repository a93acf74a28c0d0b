import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type FileIdentity, fileIdentitySchema } from '../fileIdentity';
import { camelizeRow } from './camelizeRow';
import { suggestionStatuses } from './columnValues';
import { jsonText, nullableSqlTime, sqlTime, toSqlTime } from './sqlTime';

const suggestionRow = z
  .object({
    task: z.string(),
    skill: z.string(),
    subject: z.string(),
    status: z.enum(suggestionStatuses),
    created_at: sqlTime,
    expires_at: sqlTime,
    snoozed_until: nullableSqlTime,
    answered_at: nullableSqlTime,
    answer: jsonText.nullable(),
    subject_identity: jsonText.pipe(fileIdentitySchema).nullable(),
  })
  .transform(camelizeRow);
export type Suggestion = z.output<typeof suggestionRow>;

const renameRow = z
  .object({
    task: z.string(),
    from_path: z.string(),
    to_path: z.string(),
    renamed_at: sqlTime,
    undone_at: nullableSqlTime,
    file_identity: jsonText.pipe(fileIdentitySchema).nullable(),
  })
  .transform(camelizeRow);
export type Rename = z.output<typeof renameRow>;

const renameIntentRow = z
  .object({
    task: z.string(),
    from_path: z.string(),
    name: z.string(),
    file_identity: jsonText.pipe(fileIdentitySchema),
    created_at: sqlTime,
  })
  .transform(camelizeRow);
export type RenameIntent = z.output<typeof renameIntentRow>;

const toSuggestion = (row: unknown): Suggestion => suggestionRow.parse(row);
const toRename = (row: unknown): Rename => renameRow.parse(row);

/** Suggestions made from watcher tasks, the renames they led to, and the feedback prompts shown. */
export function suggestionRepository(db: Database.Database) {
  return {
    /** Call inside the write transaction that records the task. */
    create(
      suggestion: {
        task: string;
        skill: string;
        subject: string;
        /** The file as it was when its input was read; `null` when it is not a regular file. */
        subjectIdentity: FileIdentity | null;
        expiresAt: Date;
      },
      now: Date,
    ): Suggestion {
      db.prepare(
        `INSERT INTO suggestions (task, skill, subject, status, created_at, expires_at, subject_identity)
         VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
      ).run(
        suggestion.task,
        suggestion.skill,
        suggestion.subject,
        toSqlTime(now),
        toSqlTime(suggestion.expiresAt),
        suggestion.subjectIdentity === null ? null : JSON.stringify(suggestion.subjectIdentity),
      );
      return this.get(suggestion.task) as Suggestion;
    },

    get(task: string): Suggestion | null {
      const row = db.prepare('SELECT * FROM suggestions WHERE task = ?').get(task);
      return row ? toSuggestion(row) : null;
    },

    /** Pending, unexpired suggestions, newest first; snoozed ones only with `includeSnoozed`. */
    pending(now: Date, options: { includeSnoozed?: boolean; limit?: number } = {}): Suggestion[] {
      const at = toSqlTime(now);
      return db
        .prepare(
          `SELECT * FROM suggestions
           WHERE status = 'pending' AND expires_at > ?
             AND (? OR snoozed_until IS NULL OR snoozed_until <= ?)
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        )
        .all(at, options.includeSnoozed ? 1 : 0, at, options.limit ?? -1)
        .map(toSuggestion);
    },

    /** Pending suggestions about one file (a newer save of a markdown file replaces them). */
    pendingAbout(subject: string): Suggestion[] {
      return db
        .prepare(`SELECT * FROM suggestions WHERE subject = ? AND status = 'pending' ORDER BY created_at`)
        .all(subject)
        .map(toSuggestion);
    },

    /** Marks answered with what the user did (JSON). Answers `false` when it was no longer pending. */
    markAnswered(task: string, answer: unknown, now: Date): boolean {
      return (
        db
          .prepare(
            `UPDATE suggestions SET status = 'answered', answered_at = ?, answer = ?
             WHERE task = ? AND status = 'pending'`,
          )
          .run(toSqlTime(now), JSON.stringify(answer), task).changes === 1
      );
    },

    setStatus(task: string, status: 'expired' | 'superseded'): void {
      db.prepare(`UPDATE suggestions SET status = ? WHERE task = ? AND status = 'pending'`).run(status, task);
    },

    snooze(task: string, until: Date): void {
      db.prepare(`UPDATE suggestions SET snoozed_until = ? WHERE task = ? AND status = 'pending'`).run(
        toSqlTime(until),
        task,
      );
    },

    /** Expires every pending suggestion past its time; answers how many. */
    expireDue(now: Date): number {
      return db
        .prepare(`UPDATE suggestions SET status = 'expired' WHERE status = 'pending' AND expires_at <= ?`)
        .run(toSqlTime(now)).changes;
    },

    recordRename(
      rename: { task: string; fromPath: string; toPath: string; fileIdentity: FileIdentity | null },
      now: Date,
    ): Rename {
      db.prepare(
        'INSERT INTO renames (task, from_path, to_path, renamed_at, file_identity) VALUES (?, ?, ?, ?, ?)',
      ).run(
        rename.task,
        rename.fromPath,
        rename.toPath,
        toSqlTime(now),
        rename.fileIdentity === null ? null : JSON.stringify(rename.fileIdentity),
      );
      return this.renameOf(rename.task) as Rename;
    },

    /** Committed before a rename moves the file (see {@link settleRenameIntents}). */
    addRenameIntent(
      intent: { task: string; fromPath: string; name: string; fileIdentity: FileIdentity },
      now: Date,
    ): void {
      db.prepare(
        `INSERT OR REPLACE INTO rename_intents (task, from_path, name, file_identity, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(intent.task, intent.fromPath, intent.name, JSON.stringify(intent.fileIdentity), toSqlTime(now));
    },

    removeRenameIntent(task: string): void {
      db.prepare('DELETE FROM rename_intents WHERE task = ?').run(task);
    },

    renameIntents(): RenameIntent[] {
      return db
        .prepare('SELECT * FROM rename_intents ORDER BY created_at')
        .all()
        .map((row) => renameIntentRow.parse(row));
    },

    renameOf(task: string): Rename | null {
      const row = db.prepare('SELECT * FROM renames WHERE task = ?').get(task);
      return row ? toRename(row) : null;
    },

    markUndone(task: string, now: Date): boolean {
      return (
        db
          .prepare('UPDATE renames SET undone_at = ? WHERE task = ? AND undone_at IS NULL')
          .run(toSqlTime(now), task).changes === 1
      );
    },

    /** Renames not undone since `since`, newest first. */
    renamesSince(since: Date, limit = 20): Rename[] {
      return db
        .prepare(
          `SELECT * FROM renames WHERE undone_at IS NULL AND renamed_at >= ?
           ORDER BY renamed_at DESC, rowid DESC LIMIT ?`,
        )
        .all(toSqlTime(since), limit)
        .map(toRename);
    },

    /**
     * Whether tinyArms itself put a file at `path` since `since`: a rename's new name, or an undo's
     * restored name. The watcher must not take its own renames for new files.
     */
    isOwnPath(path: string, since: Date): boolean {
      const at = toSqlTime(since);
      return (
        db
          .prepare(
            `SELECT 1 FROM renames
             WHERE (to_path = ? AND renamed_at >= ?) OR (from_path = ? AND undone_at >= ?) LIMIT 1`,
          )
          .get(path, at, path, at) !== undefined
      );
    },

    recordPrompt(prompt: { skill: string; task: string | null }, now: Date): void {
      db.prepare('INSERT INTO feedback_prompts (skill, task, created_at) VALUES (?, ?, ?)').run(
        prompt.skill,
        prompt.task,
        toSqlTime(now),
      );
    },

    promptsSince(skill: string, since: Date): number {
      return db
        .prepare('SELECT COUNT(*) FROM feedback_prompts WHERE skill = ? AND created_at >= ?')
        .pluck()
        .get(skill, toSqlTime(since)) as number;
    },
  };
}

export type SuggestionRepository = ReturnType<typeof suggestionRepository>;
