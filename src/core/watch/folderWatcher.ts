import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type ChokidarOptions, type FSWatcher, watch } from 'chokidar';
import type { SkillId } from '../skills';
import { createFolderScanner, type FolderScanner } from './folderScanner';
import { shouldIgnoreName } from './isPartialOrHidden';
import type { WatchSource } from './watchSources';

/** A file a skill should look at: new in a watched folder (`added`) or a watched file saved (`changed`). */
export interface WatchedFileEvent {
  readonly skill: SkillId;
  /** Absolute. */
  readonly path: string;
  readonly kind: 'added' | 'changed';
}

export interface FolderWatcherOptions {
  readonly sources: readonly WatchSource[];
  onFile(event: WatchedFileEvent): void;
  /** `path` is the source at fault, or `null` when the error is not tied to one. */
  onError(error: Error, path: string | null): void;
  /**
   * How long a file's size must stay the same before it counts as written, in ms. Downloads and
   * copies grow in steps; reporting one early would hand a skill half a file.
   * @default 1000
   */
  readonly stabilityMs?: number;
  /** When a folder was last looked at by an earlier run (see `createFolderScanner`'s `since`). */
  since?(folder: string): Date | undefined;
  /** A folder was listed: everything changed before `at` has been seen. */
  onScanned?(folder: string, at: Date): void;
}

export interface FolderWatcher {
  /** Resolves once every source that exists is being watched. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches the sources and reports files once their write has finished. Files present at start are
 * never reported (only new ones), nor are subfolders, files inside subfolders, hidden files or
 * downloads in progress (see `shouldIgnoreName`). A source that does not exist is reported once
 * through `onError` and skipped; the others keep working.
 */
export function createFolderWatcher(options: FolderWatcherOptions): FolderWatcher {
  const stabilityMs = options.stabilityMs ?? 1000;
  const watchers: FSWatcher[] = [];
  const scanners: FolderScanner[] = [];
  let closed = false;
  let onClosed = (): void => undefined;
  // A watcher closed before its initial scan never emits `ready`; `ready` must still settle.
  const closing = new Promise<void>((resolve) => {
    onClosed = resolve;
  });

  const report = (event: WatchedFileEvent): void => {
    try {
      options.onFile(event);
    } catch (error) {
      // Thrown inside chokidar's emitter it would be lost in its internals; the owner should hear it.
      options.onError(asError(error), event.path);
    }
  };

  const start = async (source: WatchSource): Promise<void> => {
    if (closed) return;
    const watcher = watch(source.path, chokidarOptions(source, stabilityMs));
    // Listened for at once: chokidar may finish its initial scan while the scanner below lists the
    // folder, and a `ready` emitted before anyone listens is gone (a folder of ten files did it).
    const scanned = new Promise<void>((resolve) => watcher.once('ready', resolve));
    watchers.push(watcher);
    watcher.on('error', (error) => options.onError(asError(error), source.path));
    if (source.kind === 'folder') {
      // Events only prompt a listing: the scanner finds every new file, in the order it was written.
      const since = options.since?.(source.path);
      const scanner = createFolderScanner({
        folder: source.path,
        accepts: (name) => acceptsName(source, name),
        stabilityMs,
        pollMs: Math.min(100, stabilityMs),
        rescanMs: RESCAN_MS,
        onFiles: (paths) => {
          for (const path of paths) report({ skill: source.skill, path, kind: 'added' });
        },
        onError: (error) => options.onError(error, source.path),
        ...(since ? { since } : {}),
        onScanned: (at) => options.onScanned?.(source.path, at),
      });
      scanners.push(scanner);
      await scanner.start();
      watcher.on('all', () => scanner.poke());
    } else {
      // Editors replace the file rather than write into it: renaming a temporary file over it comes
      // as `change`, deleting it and writing it again as `add` (once it was gone over 100 ms). Both
      // are a save of this path.
      const saved = (path: string) => report({ skill: source.skill, path, kind: 'changed' });
      watcher.on('change', saved);
      watcher.on('add', saved);
    }
    await Promise.race([scanned, closing]);
  };

  const ready = (async () => {
    const problems = await Promise.all(options.sources.map(sourceProblem));
    const watchable = options.sources.filter((source, index) => {
      const problem = problems[index] ?? null;
      // Reported in the order of the sources, so the user reads them as they listed them.
      if (problem !== null) options.onError(new Error(problem), source.path);
      return problem === null;
    });
    await Promise.all(watchable.map(start));
  })();

  return {
    ready,
    async close() {
      closed = true;
      onClosed();
      for (const scanner of scanners.splice(0)) scanner.close();
      await Promise.all(watchers.splice(0).map((watcher) => watcher.close()));
    },
  };
}

/** The safety-net listing of a watched folder, for events the OS or chokidar dropped. */
const RESCAN_MS = 15_000;

/** Whether a folder source reports a file of this name (never hidden files or partial downloads). */
function acceptsName(source: Extract<WatchSource, { kind: 'folder' }>, name: string): boolean {
  if (shouldIgnoreName(name)) return false;
  return source.extensions === undefined || source.extensions.includes(extname(name).slice(1).toLowerCase());
}

function chokidarOptions(source: WatchSource, stabilityMs: number): ChokidarOptions {
  const common: ChokidarOptions = {
    ignoreInitial: true,
    // chokidar's default, kept explicit: a delete and re-create within 100 ms is one `change`, not
    // `unlink` + `add` (so a saved file is not reported as removed).
    atomic: true,
  };
  if (source.kind === 'file') {
    return {
      ...common,
      awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: Math.min(100, stabilityMs) },
    };
  }
  const root = source.path;
  // Folder events only wake the scanner, which waits for writes to finish itself.
  return {
    ...common,
    depth: 0,
    ignored: (path, stats) => {
      if (path === root) return false;
      if (stats?.isDirectory()) return true;
      return !acceptsName(source, basename(path));
    },
  };
}

/** Why a source cannot be watched, in words naming it, or `null` when it can. */
async function sourceProblem(source: WatchSource): Promise<string | null> {
  const what = source.kind === 'folder' ? 'folder' : 'file';
  try {
    const stats = await stat(source.path);
    if (source.kind === 'folder' && !stats.isDirectory()) {
      return `Watched folder ${source.path} is not a folder; pick a folder in Preferences.`;
    }
    if (source.kind === 'file' && !stats.isFile()) {
      return `Watched file ${source.path} is not a file; pick a file in Preferences.`;
    }
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return `Watched ${what} ${source.path} does not exist; it is not watched until it is created and the watchers restart.`;
    }
    return `Cannot watch ${what} ${source.path}: ${asError(error).message}`;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
