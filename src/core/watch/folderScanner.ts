import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderScannerOptions {
  readonly folder: string;
  /** Whether a file name is one to report (not hidden, not a partial download, right extension). */
  accepts(name: string): boolean;
  /** A file is reported once its size and modification time have not changed for this long. */
  readonly stabilityMs: number;
  /** Listing interval while files are settling, and the safety-net rescan interval otherwise. */
  readonly pollMs: number;
  readonly rescanMs: number;
  /** New, settled files, oldest first (modification time, then name). */
  onFiles(paths: string[]): void;
  onError(error: Error): void;
  /**
   * When this folder was last looked at (by an earlier run): files changed or moved in after it are
   * new rather than known, so what arrived while tinyArms was quit is not missed (a file merely
   * modified meanwhile counts as new too: without a stored listing the two look alike). Absent: every
   * file there at start is known.
   */
  readonly since?: Date;
  /** Each completed listing, with the instant it began (to store as the next run's `since`). */
  onScanned?(at: Date): void;
}

interface Candidate {
  name: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** When size or mtime last changed (ms since epoch). */
  changedAt: number;
}

/** A file's identity across scans: a new file under an old name is a new inode. */
const identity = (name: string, ino: number) => `${name}\u0000${ino}`;

/**
 * Finds new files in one folder by listing it, rather than by trusting each change event: chokidar
 * with `awaitWriteFinish` delivered a burst of 50 files written in order with up to 48 out of place
 * (each file settles on its own timer), and events can be lost (paulmillr/chokidar#384); a listing
 * has every file and its modification time. Events only say "look now"; a slow timer looks
 * anyway. Files present at start are known and never reported; a new file is reported once, after
 * it stopped changing for `stabilityMs`, and files that settle together are reported oldest first.
 */
export function createFolderScanner(options: FolderScannerOptions) {
  const known = new Set<string>();
  const settling = new Map<string, Candidate>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let scanning: Promise<void> | null = null;
  let again: 'full' | 'settling' | null = null;
  let closed = false;

  type Listed = { name: string; size: number; mtimeMs: number; ctimeMs: number; ino: number };
  const statOf = async (name: string): Promise<Listed | null> => {
    try {
      const stats = await stat(join(options.folder, name));
      // A file moved or renamed into the folder keeps its mtime; its ctime says when it came.
      return { name, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
    } catch {
      return null; // gone between the listing and the stat: nothing to report
    }
  };
  const list = async (): Promise<Map<string, Listed>> => {
    const found = new Map<string, Listed>();
    const entries = await readdir(options.folder, { withFileTypes: true });
    for (const entry of entries) {
      // Directories are never tasks (a Safari `.download` bundle, an app, a subfolder).
      if (!entry.isFile() || !options.accepts(entry.name)) continue;
      const file = await statOf(entry.name);
      if (file) found.set(identity(file.name, file.ino), file);
    }
    return found;
  };
  /** Only the files still settling: the 100 ms polls of a burst must not stat the whole folder. */
  const restatSettling = async (): Promise<Map<string, Listed>> => {
    const found = new Map<string, Listed>();
    for (const [id, candidate] of settling) {
      const file = await statOf(candidate.name);
      if (file && identity(file.name, file.ino) === id) found.set(id, file);
    }
    return found;
  };

  const arm = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    const settlingOnly = settling.size > 0;
    timer = setTimeout(() => void scan(!settlingOnly), settlingOnly ? options.pollMs : options.rescanMs);
  };

  /** `full`: list the folder (an event, the safety-net timer); else re-check the settling files. */
  const scanOnce = async (full: boolean) => {
    const now = Date.now();
    const found = full ? await list() : await restatSettling();
    if (full) for (const id of [...known]) if (!found.has(id)) known.delete(id);
    for (const id of [...settling.keys()]) if (!found.has(id)) settling.delete(id);
    const settled: { path: string; mtimeMs: number; name: string }[] = [];
    for (const [id, file] of found) {
      if (known.has(id)) continue;
      const seen = settling.get(id);
      if (!seen || seen.size !== file.size || seen.mtimeMs !== file.mtimeMs) {
        settling.set(id, { ...file, changedAt: now });
        continue;
      }
      if (now - seen.changedAt >= options.stabilityMs) {
        settling.delete(id);
        known.add(id);
        settled.push({ path: join(options.folder, file.name), mtimeMs: file.mtimeMs, name: file.name });
      }
    }
    if (settled.length > 0) {
      settled.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      options.onFiles(settled.map((file) => file.path));
    }
    // Seen up to now, except files still settling: a quit before they are reported must not lose them.
    const pending = [...settling.values()].map((file) => Math.max(file.mtimeMs, file.ctimeMs) - 1);
    options.onScanned?.(new Date(Math.min(now, ...pending)));
  };

  /** One scan at a time; asks that arrive meanwhile run one more, full if any of them was. */
  const scan = async (full: boolean): Promise<void> => {
    if (closed) return;
    if (scanning) {
      again = again === 'full' || full ? 'full' : 'settling';
      return scanning;
    }
    again = full ? 'full' : 'settling';
    scanning = (async () => {
      while (again !== null && !closed) {
        const next = again;
        again = null;
        try {
          await scanOnce(next === 'full');
        } catch (error) {
          options.onError(error instanceof Error ? error : new Error(String(error)));
        }
      }
    })().finally(() => {
      scanning = null;
      arm();
    });
    return scanning;
  };

  return {
    /** Records what is there now (never reported) and starts the safety-net timer. */
    async start(): Promise<void> {
      // File times are coarse (a few ms behind the clock on Linux); a file reported before `since`
      // had settled at least `stabilityMs` earlier, so half of that is a safe margin.
      const since =
        options.since === undefined ? undefined : options.since.getTime() - options.stabilityMs / 2;
      const startedAt = new Date();
      let missed = false;
      for (const [id, file] of await list()) {
        if (since !== undefined && Math.max(file.mtimeMs, file.ctimeMs) > since) missed = true;
        else known.add(id);
      }
      if (missed) {
        void scan(true);
      } else {
        options.onScanned?.(startedAt);
        arm();
      }
    },
    /** Something changed in the folder: look now. */
    poke(): void {
      void scan(true);
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export type FolderScanner = ReturnType<typeof createFolderScanner>;
