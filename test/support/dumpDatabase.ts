import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/core/store/openDatabase';

/** Every row of every table, for "nothing changed" assertions that ignore WAL/checkpoint noise. */
export function dumpDatabase(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    // Real tables only: a full-text index (virtual table and its shadow tables) is derived from them.
    const tables = db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}
