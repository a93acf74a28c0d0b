import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { DAY_MS } from '../clock';
import { migrate, migrations } from './migrations';

export const DATABASE_FILE = 'tinyarms.db';
export const BACKUP_DIR = 'backups';
/** Daily, pre-migration and periodic backups together: a day of hourly ones plus the week before. */
const BACKUPS_KEPT = 30;

export interface OpenDatabaseOptions {
  clock: Clock;
  /** Path to a better-sqlite3 binary built for another ABI (Electron in dev). */
  nativeBinding?: string;
  /** Wait this long for another process's write lock before failing. @default 5000 */
  busyTimeoutMs?: number;
  /** Take a `VACUUM INTO` backup when the newest one is older than a day. @default true */
  backup?: boolean;
}

/** Raised when the database file failed its integrity check; the file was moved aside, not deleted. */
export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly movedTo: string,
    readonly restoredFrom: string | null,
    detail: string,
    /** Rows read back from the damaged file into the restored one. */
    readonly salvagedRows = 0,
  ) {
    super(
      `database ${file} is corrupt (${detail}); moved it to ${movedTo} and ${
        restoredFrom ? `restored the backup ${restoredFrom}` : 'started a new database'
      }${
        salvagedRows > 0 ? `, with ${salvagedRows} newer rows recovered from the damaged file` : ''
      }; nothing was changed, run the command again`,
    );
    this.name = 'CorruptDatabaseError';
  }
}

/**
 * Opens (creating if needed) the tinyArms database in `dataDir`: WAL, `synchronous=FULL` so an
 * acknowledged vote survives power loss, a busy timeout so the app and the CLI can write at once,
 * foreign keys on, `quick_check` first, migrations applied.
 *
 * A file that fails the check is moved aside and the newest backup restored; the call then throws
 * {@link CorruptDatabaseError} so the caller reports it instead of acting on uncertain state.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const existed = existsSync(file);
  let db: Database.Database | undefined;
  try {
    db = connect(file, options);
    if (existed) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new QuickCheckFailure(String(result));
    }
  } catch (error) {
    db?.close();
    if (!existed || !isCorruption(error)) throw error;
    throw quarantine(dataDir, file, options.clock, error instanceof Error ? error.message : String(error));
  }
  // A migration rewrites tables: keep the database as it was before it.
  if (existed && (options.backup ?? true) && pendingMigrations(db))
    takeBackup(db, dataDir, options.clock.now());
  migrate(db);
  if (options.backup ?? true) backupIfDue(db, dataDir, options.clock);
  return db;
}

function pendingMigrations(db: Database.Database): boolean {
  return (db.pragma('user_version', { simple: true }) as number) < (migrations.at(-1)?.version ?? 0);
}

function connect(file: string, options: OpenDatabaseOptions): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // busy_timeout first: the journal-mode switch below may itself wait for another process.
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** quick_check reports problems as rows of text rather than as an error code. */
class QuickCheckFailure extends Error {}

function isCorruption(error: unknown): boolean {
  if (error instanceof QuickCheckFailure) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

function quarantine(dataDir: string, file: string, clock: Clock, detail: string): CorruptDatabaseError {
  const stamp = clock.now().toISOString().replaceAll(':', '-');
  const movedTo = `${file}.corrupt-${stamp}`;
  renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  // The newest backup that passes its own check; a damaged backup is skipped, not restored.
  const backup = listBackups(dataDir).reverse().find(passesQuickCheck) ?? null;
  if (backup) copyFileSync(backup, file);
  const salvaged = salvage(movedTo, file);
  return new CorruptDatabaseError(file, movedTo, backup, detail.split('\n')[0] ?? detail, salvaged);
}

function passesQuickCheck(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('quick_check', { simple: true }) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Copies every row still readable in the damaged file that the restored database lacks (votes,
 * feedback, tasks since the backup), table by table and row by row: a table whose pages are damaged
 * gives what it can before the first bad page. Foreign keys are off while copying, since rows arrive
 * table by table. Answers how many rows were added; 0 when nothing could be read.
 */
function salvage(damaged: string, target: string): number {
  // Read from a copy (with its WAL, which holds the newest commits): the damaged file stays as it was.
  const copy = `${damaged}.salvage`;
  let db: Database.Database;
  try {
    copyFileSync(damaged, copy);
    if (existsSync(`${damaged}-wal`)) copyFileSync(`${damaged}-wal`, `${copy}-wal`);
    db = new Database(target);
  } catch {
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
    return 0;
  }
  let added = 0;
  try {
    migrate(db);
    db.pragma('foreign_keys = OFF');
    db.prepare('ATTACH DATABASE ? AS damaged').run(copy);
    const tables = db
      .prepare(
        `SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY rowid`,
      )
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      let columns: string[];
      try {
        columns = (db.prepare(`PRAGMA damaged.table_info(${quoted})`).all() as { name: string }[]).map(
          (c) => `"${c.name.replaceAll('"', '""')}"`,
        );
      } catch {
        continue;
      }
      if (columns.length === 0) continue;
      let insert: Database.Statement;
      try {
        insert = db.prepare(
          `INSERT OR IGNORE INTO main.${quoted} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
      } catch {
        continue; // a table the two files shape differently
      }
      // Read first (one connection cannot write while it iterates).
      const rows = readableRows(db, `damaged.${quoted}`, columns);
      db.transaction(() => {
        for (const row of rows) {
          try {
            added += insert.run(...row).changes;
          } catch {
            // A row a damaged page garbled into breaking a constraint: skipped.
          }
        }
      })();
    }
    db.prepare('DETACH DATABASE damaged').run();
  } catch {
    // The damaged file cannot be attached at all: the backup is what there is.
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
  return added;
}

/** How far past the last row found a table whose largest rowid cannot be read is probed. */
const PROBE_PAST_LAST_FOUND = 10_000;

/**
 * Every row of `table` that can still be read: a scan in rowid order, and, when a damaged page stops
 * it, a lookup of each later rowid on its own, which descends the tree past the damaged leaf (rows on
 * it are lost, rows on the pages after it are not). Rowids up to the table's largest are probed, or,
 * when that cannot be read either, up to {@link PROBE_PAST_LAST_FOUND} past the last row found.
 */
function readableRows(db: Database.Database, table: string, columns: readonly string[]): unknown[][] {
  const rows: unknown[][] = [];
  let last = 0;
  try {
    const scan = db
      .prepare(`SELECT rowid, ${columns.join(', ')} FROM ${table} NOT INDEXED ORDER BY rowid`)
      .raw();
    for (const row of scan.iterate() as IterableIterator<unknown[]>) {
      last = Number(row[0]);
      rows.push(row.slice(1));
    }
    return rows;
  } catch {
    // A damaged page: probe the rowids after the last row read.
  }
  let bound: number | null = null;
  try {
    const max = db.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get();
    bound = typeof max === 'number' ? max : typeof max === 'bigint' ? Number(max) : null;
  } catch {
    // The rightmost pages are damaged too.
  }
  const lookup = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE rowid = ?`).raw();
  let found = last;
  for (let rowid = last + 1; rowid <= (bound ?? found + PROBE_PAST_LAST_FOUND); rowid++) {
    try {
      const row = lookup.get(rowid) as unknown[] | undefined;
      if (row) {
        rows.push(row);
        found = rowid;
      }
    } catch {
      // This row's leaf is damaged.
    }
  }
  return rows;
}

function listBackups(dataDir: string): string[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^tinyarms-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function newestBackup(dataDir: string): string | null {
  return listBackups(dataDir).at(-1) ?? null;
}

/** Backups are named by the instant they were taken, so "is one due" needs no file metadata. */
function backupName(at: Date): string {
  return `tinyarms-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.db`;
}

function backupTakenAt(file: string): number {
  const stamp = /tinyarms-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.db$/.exec(file);
  return stamp ? Date.parse(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}Z`) : 0;
}

function backupIfDue(db: Database.Database, dataDir: string, clock: Clock): void {
  const newest = newestBackup(dataDir);
  const now = clock.now();
  if (newest && Math.abs(now.getTime() - backupTakenAt(newest)) < DAY_MS) return;
  takeBackup(db, dataDir, now);
}

/** A `VACUUM INTO` copy named by `now`, old ones pruned; a failure (full disk) is ignored. */
export function takeBackup(db: Database.Database, dataDir: string, now: Date): void {
  const dir = join(dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, backupName(now));
  if (existsSync(target)) return;
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch {
    // A backup is a convenience: a full disk or a concurrent writer must not block the command.
    rmSync(target, { force: true });
    return;
  }
  for (const old of listBackups(dataDir).slice(0, -BACKUPS_KEPT)) rmSync(old, { force: true });
}
