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
}

interface Candidate {
  size: number;
  mtimeMs: number;
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
  let again = false;
  let closed = false;

  const list = async (): Promise<Map<string, { name: string; size: number; mtimeMs: number }>> => {
    const found = new Map<string, { name: string; size: number; mtimeMs: number }>();
    const entries = await readdir(options.folder, { withFileTypes: true });
    for (const entry of entries) {
      // Directories are never tasks (a Safari `.download` bundle, an app, a subfolder).
      if (!entry.isFile() || !options.accepts(entry.name)) continue;
      try {
        const stats = await stat(join(options.folder, entry.name));
        found.set(identity(entry.name, stats.ino), {
          name: entry.name,
          size: stats.size,
          mtimeMs: stats.mtimeMs,
        });
      } catch {
        // Gone between the listing and the stat: nothing to report.
      }
    }
    return found;
  };

  const arm = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void scan(), settling.size > 0 ? options.pollMs : options.rescanMs);
  };

  const scanOnce = async () => {
    const now = Date.now();
    const found = await list();
    for (const id of [...known]) if (!found.has(id)) known.delete(id);
    for (const id of [...settling.keys()]) if (!found.has(id)) settling.delete(id);
    const settled: { path: string; mtimeMs: number; name: string }[] = [];
    for (const [id, file] of found) {
      if (known.has(id)) continue;
      const seen = settling.get(id);
      if (!seen || seen.size !== file.size || seen.mtimeMs !== file.mtimeMs) {
        settling.set(id, { size: file.size, mtimeMs: file.mtimeMs, changedAt: now });
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
  };

  const scan = async (): Promise<void> => {
    if (closed) return;
    if (scanning) {
      again = true;
      return scanning;
    }
    scanning = (async () => {
      do {
        again = false;
        try {
          await scanOnce();
        } catch (error) {
          options.onError(error instanceof Error ? error : new Error(String(error)));
        }
      } while (again && !closed);
    })().finally(() => {
      scanning = null;
      arm();
    });
    return scanning;
  };

  return {
    /** Records what is there now (never reported) and starts the safety-net timer. */
    async start(): Promise<void> {
      for (const id of (await list()).keys()) known.add(id);
      arm();
    },
    /** Something changed in the folder: look now. */
    poke(): void {
      void scan();
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export type FolderScanner = ReturnType<typeof createFolderScanner>;
