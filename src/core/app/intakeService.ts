import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { IntakeProgressView } from '../../shared/ipc/suggestionSchemas';
import type { LanguageModel } from '../llm/languageModel';
import { lastMarkdownVersion, rememberMarkdownVersion } from '../runner/markdownVersions';
import { getSkill } from '../skills/skillRegistry';
import {
  type CreatedSuggestion,
  createSuggestion,
  isSuggestionSkill,
  type SuggestionSkill,
} from '../suggestions/createSuggestion';
import { folderSeenAt, recordFolderSeenAt } from '../watch/folderSeenAt';
import { createFolderWatcher, type FolderWatcher } from '../watch/folderWatcher';
import { claimIntakeLease, LEASE_RENEW_MS, releaseIntakeLease } from '../watch/intakeLease';
import { createIntakeQueue, type IntakeProgress } from '../watch/intakeQueue';
import { type WatchSource, watchSources } from '../watch/watchSources';
import type { CoreRef } from './coreRef';

/** A rename or undo of our own shows up as a new file a moment later; this long it is recognised. */
const OWN_PATH_MEMORY_MS = 10 * 60_000;
/** How often a folder's last-listed instant is stored while watching (and once more on close). */
const SEEN_STORE_MS = 60_000;

export interface IntakeJob {
  skill: SuggestionSkill;
  path: string;
  /** When the file was last written (ms since the epoch): a burst is taken oldest first. */
  modifiedMs?: number;
}

/** A watcher reports files of a burst in the order their writes settle, not the order they were
 * written; waiting jobs go oldest file first, so a burst is named in the order it was made. */
const oldestFirst = (a: IntakeJob, b: IntakeJob) => (a.modifiedMs ?? 0) - (b.modifiedMs ?? 0);

function modifiedMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export interface IntakeServiceOptions {
  core: CoreRef;
  /** The shared model, opened when the first file arrives. */
  model(): LanguageModel;
  onProgress?(progress: IntakeProgressView): void;
  /** A suggestion was stored (e.g. announce it). */
  onSuggestion?(created: CreatedSuggestion): void;
  /** One line for the log: a source that cannot be watched, a file a skill could not read. */
  onError?(message: string): void;
  /** @default 1000 (see `createFolderWatcher`) */
  stabilityMs?: number;
  /** The user's home, for `~/` in the settings. @default os.homedir() */
  home?: string;
  /**
   * Who watches, as the user should read it (`the tinyArms app (pid 4242)`). Given, the intake takes
   * the data folder's watcher lease and waits while another process holds it, so the app and
   * `tinyarms watch` never both make a suggestion for one file.
   */
  owner?: string;
}

export interface IntakeService {
  /** Watches what the settings in force name; call again after the settings changed (cheap when the
   * sources did not change). */
  sync(): Promise<void>;
  /** Queues a file as if a watcher saw it; `false` when it is queued already. */
  enqueue(job: IntakeJob): boolean;
  progress(): IntakeProgressView;
  idle(): Promise<void>;
  close(): Promise<void>;
}

const sameSources = (a: readonly WatchSource[], b: readonly WatchSource[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The skills' way into the user's day: the watched folders and files (settings `watchers`), one
 * queue in arrival order, and for each file a task and a suggestion made by the real model. Our own
 * renames and undos are recognised and not taken for new files. The app, `tinyarms watch` and the
 * tests run this same service.
 */
export function createIntakeService(options: IntakeServiceOptions): IntakeService {
  const ctx = () => options.core.ctx;
  const report = (message: string) => options.onError?.(message);
  let watcher: FolderWatcher | null = null;
  let sources: WatchSource[] = [];

  /** The skill of each queued file (the queue knows jobs by path only). */
  const queued = new Map<string, IntakeJob>();
  let problem: string | null = null;
  const view = (progress: IntakeProgress): IntakeProgressView => {
    const job = progress.current === null ? undefined : queued.get(progress.current);
    return {
      ...progress,
      current: progress.current === null ? null : basename(progress.current),
      verb: job ? (getSkill(job.skill).presentation.intakeVerb ?? null) : null,
      problem,
    };
  };

  const queue = createIntakeQueue<IntakeJob>({
    key: (job) => job.path,
    order: oldestFirst,
    onProgress: (progress) => options.onProgress?.(view(progress)),
    onError: (job, error) => {
      problem = `${basename(job.path)}: ${error instanceof Error ? error.message : String(error)}`;
      report(problem);
    },
    process: async (job, signal) => {
      try {
        const now = ctx().clock.now().getTime();
        if (ctx().store.suggestions.isOwnPath(job.path, new Date(now - OWN_PATH_MEMORY_MS))) return;
        if (!existsSync(job.path)) return;
        const created = await createSuggestion(ctx(), options.model(), job, { signal });
        problem = null;
        if (created) options.onSuggestion?.(created);
      } finally {
        queued.delete(job.path);
      }
    },
  });
  const push = (job: IntakeJob): boolean => {
    const added = queue.push(job);
    if (added) queued.set(job.path, job);
    return added;
  };

  /** A markdown file added to the watch list is compared with how it was then, not with nothing. */
  const primeMarkdown = (watched: readonly WatchSource[]) => {
    for (const source of watched) {
      if (source.kind !== 'file' || source.skill !== 'markdown-analysis') continue;
      if (!existsSync(source.path) || lastMarkdownVersion(ctx().dataDir, source.path) !== null) continue;
      rememberMarkdownVersion(ctx().dataDir, source.path, readFileSync(source.path, 'utf8'));
    }
  };

  /** Each folder's last listing, and what was last stored of it (stored at most once a minute, and on
   * close: every store wakes the app's state publisher). */
  const seen = new Map<string, { at: Date; stored: number }>();
  const storeSeen = (folder: string, entry: { at: Date; stored: number }) => {
    recordFolderSeenAt(ctx(), folder, entry.at);
    entry.stored = entry.at.getTime();
  };
  const scanned = (folder: string, at: Date) => {
    const entry = seen.get(folder) ?? { at, stored: Number.NaN };
    entry.at = at;
    seen.set(folder, entry);
    const moved = at.getTime() - entry.stored;
    if (!(Math.abs(moved) < SEEN_STORE_MS) || moved < 0) storeSeen(folder, entry);
  };

  let waitingFor: string | null = null;
  let held = false;
  let renewal: ReturnType<typeof setInterval> | null = null;

  /**
   * Takes the lease, or keeps it: a sync while holding it writes nothing (settings syncs follow every
   * database change in the app, and a write there would wake the change watcher again). The timer
   * renews it, or retries while another process holds it.
   */
  const holdLease = async (owner: string, renew = false): Promise<boolean> => {
    renewal ??= setInterval(() => void syncWith(true), LEASE_RENEW_MS);
    if (held && !renew) return true;
    const claim = claimIntakeLease(ctx(), owner);
    held = claim.held;
    if (claim.held) {
      waitingFor = null;
      return true;
    }
    await watcher?.close();
    watcher = null;
    if (waitingFor !== claim.holder) {
      report(`${claim.holder} is watching these folders already; this one waits until it stops`);
    }
    waitingFor = claim.holder;
    return false;
  };

  const resync = async (renew = false) => {
    if (options.owner !== undefined && !(await holdLease(options.owner, renew))) return;
    const next = watchSources(ctx().config, ctx().dataDir, ...(options.home ? [options.home] : []));
    if (watcher && sameSources(next, sources)) return;
    await watcher?.close();
    sources = next;
    primeMarkdown(next);
    watcher = createFolderWatcher({
      sources: next,
      ...(options.stabilityMs === undefined ? {} : { stabilityMs: options.stabilityMs }),
      onFile: (event) => {
        if (!isSuggestionSkill(event.skill)) return;
        const modified = modifiedMs(event.path);
        push({
          skill: event.skill,
          path: event.path,
          ...(modified === undefined ? {} : { modifiedMs: modified }),
        });
      },
      onError: (error, path) => report(path ? `${path}: ${error.message}` : error.message),
      since: (folder) => folderSeenAt(ctx(), folder),
      onScanned: scanned,
    });
    await watcher.ready;
  };
  // One sync at a time: two overlapping ones would each start a watcher and every file would be seen twice.
  let syncing: Promise<void> = Promise.resolve();

  const syncWith = (renew: boolean) => {
    const next = () => resync(renew);
    syncing = syncing.then(next, next);
    return syncing;
  };

  const service: IntakeService = {
    sync: () => syncWith(false),
    enqueue: push,
    progress: () => view(queue.progress()),
    idle: () => queue.idle(),
    async close() {
      if (renewal) clearInterval(renewal);
      await syncing.catch(() => undefined);
      await watcher?.close();
      watcher = null;
      // Files reported but not processed yet come back next time: the folder counts as seen only
      // up to just before the oldest of them.
      const unprocessed = [...queued.values()];
      await queue.close();
      for (const [folder, entry] of seen) {
        const oldest = Math.min(
          ...unprocessed
            .filter((job) => dirname(job.path) === folder)
            .map((job) => (job.modifiedMs ?? 0) - 1),
        );
        if (oldest < entry.at.getTime()) entry.at = new Date(oldest);
        if (entry.stored !== entry.at.getTime()) storeSeen(folder, entry);
      }
      if (options.owner !== undefined && held) releaseIntakeLease(ctx(), options.owner);
    },
  };
  return service;
}
