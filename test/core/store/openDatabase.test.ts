import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { migrations } from '../../../src/core/store/migrations';
import { CorruptDatabaseError, DATABASE_FILE, openDatabase } from '../../../src/core/store/openDatabase';
import { openStore } from '../../../src/core/store/openStore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const clock = fixedClock(new Date('2026-03-02T09:00:00.000Z'));

/** The error opening a damaged data folder gives (the test fails if it opens). */
function corruptionOnOpen(dir: string): CorruptDatabaseError {
  try {
    openDatabase(dir, { clock }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    return error as CorruptDatabaseError;
  }
  throw new Error('the damaged database opened without an error');
}

describe('openDatabase', () => {
  it('opens in WAL with synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(newDir(), { clock });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
  });

  it('applies migrations once: reopening changes nothing', () => {
    const dir = newDir();
    openDatabase(dir, { clock }).close();
    const db = openDatabase(dir, { clock });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'ab_votes',
        'evolution_sessions',
        'feedback',
        'prompt_versions',
        'skills',
        'variants',
      ]),
    );
    db.close();
  });

  it('refuses a database written by a newer tinyArms', () => {
    const dir = newDir();
    const raw = new Database(join(dir, DATABASE_FILE));
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(dir, { clock })).toThrow(/schema version 999 is newer/);
  });

  it('takes a daily VACUUM INTO backup and not more often', () => {
    const dir = newDir();
    const moving = fixedClock(new Date('2026-03-02T09:00:00.000Z'));
    openDatabase(dir, { clock: moving }).close();
    moving.advance(3_600_000);
    openDatabase(dir, { clock: moving }).close();
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
    moving.advance(24 * 3_600_000);
    openDatabase(dir, { clock: moving }).close();
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(2);
  });

  it('moves a corrupt file aside untouched, restores the newest backup and says so', () => {
    const dir = newDir();
    const db = openDatabase(dir, { clock });
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '1', 'x')").run();
    db.close();
    // The backup was taken before the marker row: the restored file must not have it.
    const garbage = Buffer.from('this is not a database, it only pretends to be one'.repeat(200));
    writeFileSync(join(dir, DATABASE_FILE), garbage);

    const error = corruptionOnOpen(dir);
    const corrupt = error;
    expect(corrupt.message).toMatch(/is corrupt .*moved it to .*restored the backup/);
    expect(corrupt.message).not.toContain('\n');
    expect(readFileSync(corrupt.movedTo)).toEqual(garbage);

    const reopened = openDatabase(dir, { clock });
    expect(reopened.prepare("SELECT COUNT(*) FROM settings WHERE key = 'marker'").pluck().get()).toBe(0);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('starts afresh when a corrupt file has no backup to restore', () => {
    const dir = newDir();
    writeFileSync(join(dir, DATABASE_FILE), 'SQLite format 3\u0000 but then nonsense'.repeat(100));
    expect(() => openDatabase(dir, { clock, backup: false })).toThrow(/started a new database/);
    const db = openDatabase(dir, { clock, backup: false });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });

  /** Overwrites one page of an index with garbage: quick_check fails, the table rows stay readable. */
  function damageIndex(dir: string, index: string) {
    const file = join(dir, DATABASE_FILE);
    const raw = new Database(file, { readonly: true });
    const page = raw
      .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
      .pluck()
      .get(index) as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, (page - 1) * pageSize, page * pageSize);
    writeFileSync(file, bytes);
  }

  it('recovers every row written since the backup that the damaged file still holds', () => {
    const dir = newDir();
    const db = openDatabase(dir, { clock });
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(`after-backup-${i}`, 'x'.repeat(40), 'now');
    })();
    db.close();
    damageIndex(dir, 'sqlite_autoindex_settings_1');

    const error = corruptionOnOpen(dir);
    expect(error.salvagedRows).toBeGreaterThanOrEqual(400);
    expect(error.message).toMatch(
      /restored the backup .*, with \d+ newer rows recovered from the damaged file/,
    );
    const reopened = openDatabase(dir, { clock });
    expect(
      reopened.prepare("SELECT COUNT(*) FROM settings WHERE key LIKE 'after-backup-%'").pluck().get(),
    ).toBe(400);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('never restores a damaged backup: the newest one that passes its check is used', () => {
    const dir = newDir();
    const moving = fixedClock(new Date('2026-03-01T09:00:00Z'));
    openDatabase(dir, { clock: moving }).close();
    moving.advance(24 * 3_600_000);
    const db = openDatabase(dir, { clock: moving });
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '1', 'x')").run();
    db.close();
    const backups = readdirSync(join(dir, 'backups')).sort();
    expect(backups).toHaveLength(2);
    const newest = join(dir, 'backups', backups[1] as string);
    writeFileSync(newest, Buffer.from('SQLite format 3\u0000 damaged'.repeat(300)));
    writeFileSync(join(dir, DATABASE_FILE), Buffer.from('not a database at all'.repeat(300)));
    expect(() => openDatabase(dir, { clock: moving })).toThrow(
      new RegExp(`restored the backup .*${backups[0]?.replace('.', '\\.')}`),
    );
  });

  it('keeps the database as it was before a migration runs', () => {
    const dir = newDir();
    // A database from the tinyArms before the last migration.
    const older = migrations.at(-2)?.version ?? 0;
    const raw = new Database(join(dir, DATABASE_FILE));
    for (const migration of migrations.slice(0, -1)) raw.exec(migration.sql);
    raw.pragma(`user_version = ${older}`);
    raw.close();
    openDatabase(dir, { clock }).close();
    const [backup] = readdirSync(join(dir, 'backups'));
    const kept = new Database(join(dir, 'backups', backup as string), { readonly: true });
    expect(kept.pragma('user_version', { simple: true })).toBe(older);
    kept.close();
  });

  it('a long-running process also backs up after N committed writes or an hour, as configured', () => {
    const dir = newDir();
    const moving = fixedClock(new Date('2026-03-02T09:00:00Z'));
    const store = openStore(dir, { clock: moving, backupEvery: { writes: 3, ms: 3_600_000 } });
    const put = (key: string) =>
      store.write(() =>
        store.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 'x')").run(key),
      );
    const count = () => readdirSync(join(dir, 'backups')).length;
    expect(count()).toBe(1); // the daily one at open
    moving.advance(1000);
    put('a');
    put('b');
    expect(count()).toBe(1);
    put('c');
    expect(count()).toBe(2);
    // Nested writes commit once.
    moving.advance(1000);
    store.write(() => {
      put('d');
      put('e');
    });
    expect(count()).toBe(2);
    moving.advance(3_600_000);
    put('f');
    expect(count()).toBe(3);
    // The newest backup holds what was committed before it.
    const newest = join(dir, 'backups', readdirSync(join(dir, 'backups')).sort().at(-1) as string);
    const copy = new Database(newest, { readonly: true });
    expect(
      copy.prepare("SELECT COUNT(*) FROM settings WHERE key IN ('a','b','c','d','e','f')").pluck().get(),
    ).toBe(6);
    copy.close();
    store.close();
  });
});
