import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Rng, seededRng } from '../../src/core/rng';
import { CorruptDatabaseError, DATABASE_FILE } from '../../src/core/store/openDatabase';
import { loadEvalCases, seedFileNamingFeedback } from '../core/breeder/seedFileNamingFeedback';
import { openTestCore } from '../support/openTestCore';

/**
 * Random pages of a database full of feedback overwritten with random bytes, then the next open:
 * every row that can still be read from the damaged file — found here independently, by looking up
 * every rowid the table had — must be in the recovered database. Shared by
 * `test/reliability/pageCorruption.test.ts` and `bench/reliability.bench.ts`.
 */

export interface CorruptionOutcome {
  trials: number;
  pagesOverwritten: number;
  /** Trials in which the damage was detected and recovery ran. */
  recovered: number;
  /** Rows written after the backup the recovery restores (what only salvage can bring back). */
  rowsAfterBackup: number;
  /** Rows readable in the damaged files. */
  readableRows: number;
  /** Of those, missing from the recovered database (must be 0). */
  missingRows: number;
  /** Trials whose recovered database failed `integrity_check` (must be 0). */
  integrityFailures: number;
  problems: string[];
}

/** The tables compared: real tables, not the full-text index (rebuilt) or SQLite's own. */
function tablesOf(db: Database.Database): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A row's identity: its primary key columns (every column when it has none), as JSON. */
function keyColumns(db: Database.Database, table: string): string[] {
  const info = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: number }[];
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return (pk.length > 0 ? pk : info).map((c) => c.name);
}

/** Fills the database with what a few weeks of use leave: tasks, runs, feedback, examples. */
function fill(dataDir: string, rounds: number): void {
  const core = openTestCore(dataDir);
  const cases = loadEvalCases();
  for (let round = 0; round < rounds; round++) seedFileNamingFeedback(core.ctx, cases);
  core.close();
}

function overwritePages(file: string, rng: Rng, count: number): number[] {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const pages = Math.floor(statSync(file).size / pageSize);
  const chosen = new Set<number>();
  // Page 1 holds the schema: overwriting it leaves nothing readable, so it is left out.
  while (chosen.size < Math.min(count, pages - 1)) chosen.add(2 + Math.floor(rng() * (pages - 1)));
  const fd = openSync(file, 'r+');
  try {
    for (const page of chosen) {
      const bytes = Buffer.alloc(pageSize);
      for (let i = 0; i < pageSize; i++) bytes[i] = Math.floor(rng() * 256);
      writeSync(fd, bytes, 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
  return [...chosen];
}

/**
 * Rows of each table that can be read from `file`, by their identity. Rowids come from the intact
 * file (`maxRowids`), so every row that existed is looked up through the tree, not just scanned.
 */
function readableRowKeys(file: string, maxRowids: Map<string, number>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true });
  } catch {
    return found;
  }
  try {
    for (const [table, max] of maxRowids) {
      const keys = new Set<string>();
      found.set(table, keys);
      let lookup: Database.Statement;
      try {
        lookup = db
          .prepare(
            `SELECT ${keyColumns(db, table).map(quote).join(', ')} FROM ${quote(table)} WHERE rowid = ?`,
          )
          .raw();
      } catch {
        continue; // the schema page of this table is gone
      }
      for (let rowid = 1; rowid <= max; rowid++) {
        try {
          const row = lookup.get(rowid);
          if (row) keys.add(JSON.stringify(row));
        } catch {
          // on a damaged page
        }
      }
    }
  } finally {
    db.close();
  }
  return found;
}

function rowKeys(file: string, tables: readonly string[]): Map<string, Set<string>> {
  const db = new Database(file, { readonly: true });
  try {
    return new Map(
      tables.map((table) => {
        const columns = keyColumns(db, table).map(quote).join(', ');
        const rows = db
          .prepare(`SELECT ${columns} FROM ${quote(table)}`)
          .raw()
          .all();
        return [table, new Set(rows.map((row) => JSON.stringify(row)))];
      }),
    );
  } finally {
    db.close();
  }
}

export function corruptionTrials(
  trials: number,
  seed: number,
  pagesPerTrial = 3,
  rounds = 6,
): CorruptionOutcome {
  const rng = seededRng(seed);
  const outcome: CorruptionOutcome = {
    trials: 0,
    pagesOverwritten: 0,
    recovered: 0,
    rowsAfterBackup: 0,
    readableRows: 0,
    missingRows: 0,
    integrityFailures: 0,
    problems: [],
  };
  for (let trial = 0; trial < trials; trial++) {
    const home = mkdtempSync(join(tmpdir(), 'tinyarms-corrupt-'));
    try {
      const dataDir = join(home, 'data');
      // The first open takes the day's backup; everything written after it exists only in the file.
      openTestCore(dataDir).close();
      fill(dataDir, rounds);
      const file = join(dataDir, DATABASE_FILE);
      const intact = join(home, 'intact.db');
      copyFileSync(file, intact);
      const db = new Database(intact, { readonly: true });
      const tables = tablesOf(db);
      const maxRowids = new Map(
        tables.map((t) => [
          t,
          Number(
            db
              .prepare(`SELECT coalesce(max(rowid), 0) FROM ${quote(t)}`)
              .pluck()
              .get(),
          ),
        ]),
      );
      db.close();
      const before = rowKeys(intact, tables);

      outcome.pagesOverwritten += overwritePages(file, rng, pagesPerTrial).length;
      const damagedCopy = join(home, 'damaged.db');
      copyFileSync(file, damagedCopy);
      const readable = readableRowKeys(damagedCopy, maxRowids);

      try {
        openTestCore(dataDir).close();
      } catch (error) {
        if (!(error instanceof CorruptDatabaseError)) throw error;
        outcome.recovered++;
        if (error.restoredFrom) {
          const backup = rowKeys(error.restoredFrom, tables);
          for (const [table, keys] of before)
            for (const key of keys) if (!backup.get(table)?.has(key)) outcome.rowsAfterBackup++;
        }
      }
      // The next open works on the recovered database.
      openTestCore(dataDir).close();
      const check = new Database(file, { readonly: true });
      if (check.pragma('integrity_check', { simple: true }) !== 'ok') outcome.integrityFailures++;
      check.close();
      const after = rowKeys(file, tables);
      for (const [table, keys] of readable) {
        for (const key of keys) {
          outcome.readableRows++;
          if (!before.get(table)?.has(key)) continue; // garbage that decoded as a row
          if (!after.get(table)?.has(key)) {
            outcome.missingRows++;
            if (outcome.problems.length < 10)
              outcome.problems.push(`trial ${trial}: ${table} ${key} not recovered`);
          }
        }
      }
      outcome.trials++;
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  return outcome;
}
