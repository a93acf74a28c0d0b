import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { databaseChangeMark } from '../core/store/databaseChangeMark';

/** A cheap fingerprint of "has anything changed": database commits by anyone, and the settings file. */
interface Fingerprint {
  readonly database: string;
  readonly config: string;
}

function fingerprint(db: Database.Database, configFile: string): Fingerprint {
  let config = 'none';
  try {
    const stat = statSync(configFile);
    config = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    // No config.yaml: every setting is its default, which is a state like any other.
  }
  return { database: databaseChangeMark(db), config };
}

/** What moved since the last look. */
export interface WatchedChange {
  readonly database: boolean;
  readonly config: boolean;
}

export interface ChangeWatcher {
  /** Compares now; calls `onChange` once if anything moved since the last look. Cheap: call freely. */
  check(): void;
  /** Takes what is there now as seen, without `onChange`: for a change main already handles itself. */
  absorb(): void;
  stop(): void;
}

/**
 * Notices every change to what the windows show, whoever made it: the app's own writes, the CLI's
 * (`tinyarms vote` in a terminal), another app instance, or a hand-edited `config.yaml`. Polls two
 * pragmas and one `stat`, which costs microseconds, so main can push a fresh snapshot without
 * watching files (WAL writes do not reliably touch the main file's mtime).
 *
 * @param db the connection main's core uses (the getter follows a replaced context)
 * @param intervalMs poll period in ms. @default 1000
 */
export function createChangeWatcher(options: {
  db(): Database.Database;
  configFile(): string;
  onChange(changed: WatchedChange): void;
  schedule(run: () => void, ms: number): () => void;
  intervalMs?: number;
}): ChangeWatcher {
  const intervalMs = options.intervalMs ?? 1000;
  let last = fingerprint(options.db(), options.configFile());
  let cancel: (() => void) | null = null;
  let stopped = false;
  const watcher: ChangeWatcher = {
    check() {
      let now: Fingerprint;
      try {
        now = fingerprint(options.db(), options.configFile());
      } catch {
        return; // A closed connection at shutdown: nothing to report.
      }
      const changed = { database: now.database !== last.database, config: now.config !== last.config };
      if (!changed.database && !changed.config) return;
      last = now;
      options.onChange(changed);
    },
    absorb() {
      try {
        last = fingerprint(options.db(), options.configFile());
      } catch {
        // A closed connection at shutdown: nothing to take in.
      }
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
  const tick = () => {
    if (stopped) return;
    watcher.check();
    cancel = options.schedule(tick, intervalMs);
  };
  cancel = options.schedule(tick, intervalMs);
  return watcher;
}
