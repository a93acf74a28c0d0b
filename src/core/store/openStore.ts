import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { type ExampleRepository, exampleRepository } from './exampleRepository';
import { type OpenDatabaseOptions, openDatabase, takeBackup } from './openDatabase';
import { type PromptRepository, promptRepository } from './promptRepository';
import { openDatabaseSnapshot } from './readOnlyDatabase';
import { type SessionRepository, sessionRepository } from './sessionRepository';
import { type SettingsRepository, settingsRepository } from './settingsRepository';
import { type SuggestionRepository, suggestionRepository } from './suggestionRepository';
import { type TaskRepository, taskRepository } from './taskRepository';

export interface Store {
  readonly db: Database.Database;
  readonly prompts: PromptRepository;
  readonly tasks: TaskRepository;
  readonly sessions: SessionRepository;
  readonly suggestions: SuggestionRepository;
  readonly examples: ExampleRepository;
  /** The `settings` table (leases, scheduler instants, watcher marks). */
  readonly settings: SettingsRepository;
  /** Runs `work` in one IMMEDIATE transaction: it takes the write lock up front, so it waits for another
   * writer (busy_timeout) instead of failing half-way when upgrading a read lock. */
  write<T>(work: () => T): T;
  /**
   * Runs `run` once the outermost {@link write} around this call has committed, or now outside one;
   * dropped if that write rolls back. For what must exist only for committed rows (prompt files).
   */
  afterCommit(run: () => void): void;
  close(): void;
}

export function openStore(
  dataDir: string,
  options: OpenDatabaseOptions & {
    clock: Clock;
    /** A backup after this many committed writes or this long since the last one. @default none */
    backupEvery?: { writes: number; ms: number };
    /** Read what the folder holds without writing anything to it (see {@link openDatabaseSnapshot}). */
    readOnly?: boolean;
  },
): Store {
  const snapshot = options.readOnly ? openDatabaseSnapshot(dataDir, options) : null;
  const db = snapshot?.db ?? openDatabase(dataDir, options);
  const every = options.backupEvery;
  let writes = 0;
  let lastBackup = options.clock.now().getTime();
  const afterCommit = () => {
    if (!every || db.inTransaction) return;
    writes++;
    const now = options.clock.now();
    if (writes < every.writes && now.getTime() - lastBackup < every.ms) return;
    takeBackup(db, dataDir, now);
    writes = 0;
    lastBackup = now.getTime();
  };
  /** Per open write, outermost first: what runs once it commits. A nested write's list joins its
   * parent's when it succeeds (its savepoint is released) and is dropped when it fails. */
  const pending: (() => void)[][] = [];
  const runCommitted = (runs: readonly (() => void)[]) => {
    let failure: unknown = null;
    for (const run of runs) {
      try {
        run();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
  };
  return {
    db,
    prompts: promptRepository(db),
    tasks: taskRepository(db),
    sessions: sessionRepository(db),
    suggestions: suggestionRepository(db),
    examples: exampleRepository(db),
    settings: settingsRepository(db),
    write: (work) => {
      const runs: (() => void)[] = [];
      pending.push(runs);
      let result: ReturnType<typeof work>;
      try {
        result = db.transaction(work).immediate();
      } finally {
        pending.pop();
      }
      const parent = pending.at(-1);
      if (parent) {
        parent.push(...runs);
        return result;
      }
      afterCommit();
      runCommitted(runs);
      return result;
    },
    afterCommit: (run) => {
      const open = pending.at(-1);
      if (open) open.push(run);
      else run();
    },
    close: () => (snapshot ? snapshot.close() : db.close()),
  };
}
