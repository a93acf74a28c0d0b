import type Database from 'better-sqlite3';

/**
 * A mark that moves whenever anyone commits to the database: `data_version` moves when ANOTHER
 * connection (the CLI, a second app instance) commits, `total_changes()` counts the rows this
 * connection changed. Together they see every write; both are cheap (no table is read).
 */
export function databaseChangeMark(db: Database.Database): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const ours = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${version}/${ours}`;
}
