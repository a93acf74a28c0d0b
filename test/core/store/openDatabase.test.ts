import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { migrations } from '../../../src/core/store/migrations';
import { CorruptDatabaseError, DATABASE_FILE, openDatabase } from '../../../src/core/store/openDatabase';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const clock = fixedClock(new Date('2026-03-02T09:00:00.000Z'));

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

    let error: unknown;
    try {
      openDatabase(dir, { clock });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    const corrupt = error as CorruptDatabaseError;
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
    expect(() => openDatabase(dir, { clock, backup: false })).toThrow(/will start a new database/);
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(false);
    const db = openDatabase(dir, { clock, backup: false });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });
});
