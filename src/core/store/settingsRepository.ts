import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { toSqlTime } from './sqlTime';

/**
 * One row of the `settings` table (the database's own key–value state: leases, scheduler instants,
 * watcher marks; the user's settings live in config.yaml): its key and how its value is written as
 * text and read back.
 */
export interface Setting<T> {
  readonly key: string;
  readonly format: (value: T) => string;
  /** The stored text as a value; undefined when it does not parse, which reads as no value. */
  readonly parse: (text: string) => T | undefined;
}

/** A setting holding an instant, stored as ISO-8601 text. */
export function instantSetting(key: string): Setting<Date> {
  return {
    key,
    format: toSqlTime,
    parse: (text) => {
      const at = Date.parse(text);
      return Number.isFinite(at) ? new Date(at) : undefined;
    },
  };
}

/** A setting holding JSON checked by `schema`. */
export function jsonSetting<T>(key: string, schema: z.ZodType<T>): Setting<T> {
  return {
    key,
    format: (value) => JSON.stringify(value),
    parse: (text) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },
  };
}

/** `settings` key of a job's next due instant, e.g. `scheduler.monitor.next_run_at`. */
export const nextRunSetting = (job: string) => instantSetting(`scheduler.${job}.next_run_at`);

/** When a watched folder was last listed by any run. */
export const folderSeenAtSetting = (folder: string) => instantSetting(`watch.seen_at:${folder}`);

/** The one way into the `settings` table: typed reads and writes of {@link Setting}s. */
export function settingsRepository(db: Database.Database) {
  return {
    get<T>(setting: Setting<T>): T | undefined {
      const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(setting.key);
      return typeof text === 'string' ? setting.parse(text) : undefined;
    },

    /** Stores `value` under the setting's key, replacing any earlier one. */
    set<T>(setting: Setting<T>, value: T, now: Date): void {
      db.prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ).run(setting.key, setting.format(value), toSqlTime(now));
    },

    remove<T>(setting: Setting<T>): void {
      db.prepare('DELETE FROM settings WHERE key = ?').run(setting.key);
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
