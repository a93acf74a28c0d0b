import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UserInputError } from '../coreContext';
import { migrations } from './migrations';
import { DATABASE_FILE } from './openDatabase';

/** The data folder cannot be written by this process, and what was asked for needs it to be. */
export class ReadOnlyDataError extends UserInputError {}

/**
 * Whether this process may write the data folder's database: the folder (SQLite creates its WAL and
 * shared-memory files there) and the database file. A folder that does not exist yet counts as
 * writable; creating it is the normal first run.
 */
export function canWriteDatabase(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  const file = join(dataDir, DATABASE_FILE);
  try {
    accessSync(dataDir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface DatabaseSnapshot {
  /** Opened read-only: a write through it fails instead of landing in a copy nobody keeps. */
  readonly db: Database.Database;
  close(): void;
}

/**
 * Opens what a read-only data folder holds, for reading. SQLite cannot open a WAL database in a
 * folder where it may not create the `-shm` file, so the database (with its WAL, which holds the
 * newest commits) is copied to a private temporary folder and opened there; nothing in the data folder
 * is touched. Refuses, with the reason and the fix, a folder without a database, a damaged one
 * (recovery moves files) and one whose schema this version would have to migrate.
 */
export function openDatabaseSnapshot(
  dataDir: string,
  options: { nativeBinding?: string } = {},
): DatabaseSnapshot {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file))
    throw new ReadOnlyDataError(
      `${dataDir} is read-only and holds no tinyArms database yet; make it writable`,
    );
  const copyDir = mkdtempSync(join(tmpdir(), 'tinyarms-readonly-'));
  const close = () => rmSync(copyDir, { recursive: true, force: true });
  let db: Database.Database | undefined;
  try {
    const copy = join(copyDir, DATABASE_FILE);
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    db = new Database(copy, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw damaged(dataDir);
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest)
      throw new ReadOnlyDataError(
        `database schema version ${version} is newer than this tinyArms (${latest}); update tinyArms`,
      );
    if (version < latest)
      throw new ReadOnlyDataError(
        `the database in ${dataDir} was written by an older tinyArms and must be upgraded, which needs the folder to be writable`,
      );
  } catch (error) {
    db?.close();
    close();
    if (error instanceof ReadOnlyDataError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')))
      throw damaged(dataDir);
    throw error;
  }
  const opened = db;
  return {
    db: opened,
    close: () => {
      opened.close();
      close();
    },
  };
}

function damaged(dataDir: string): ReadOnlyDataError {
  return new ReadOnlyDataError(
    `the database in ${dataDir} is damaged and the folder is read-only, so it cannot be recovered; make it writable and run the command again`,
  );
}
