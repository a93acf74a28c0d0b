import { createHash, randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isProcessAlive } from '../processAlive';

export type LockClaim =
  | { held: true; release(): Promise<void> }
  /** `holder` is the live process holding it, or `null` when the claim kept losing races. */
  | { held: false; holder: number | null };

export interface ClaimLockFileOptions {
  /** @default isProcessAlive */
  isAlive?: (pid: number) => boolean;
  /** Called after a dead holder is seen, before taking over from it: a test interleaves claims here. */
  beforeTakeOver?: (path: string) => Promise<void>;
}

type Outcome = { held: true } | { held: false; holder: number | null };

/** Succession files of succession files: a deeper chain means claims keep dying mid-takeover. */
const MAX_DEPTH = 3;
const ATTEMPTS = 3;

/**
 * Holds `path` exclusively across processes. The file holds `"<pid> <token>"` and only ever appears
 * fully written (a temporary file linked or renamed into place). A holder whose process is gone is
 * replaced, by exactly one claimant: the one that holds the succession file
 * `<path>.<digest of the dead holder>`, claimed the same way. Since nothing replaces a holder
 * without its succession file, a claimant that holds it and still reads the dead holder in `path`
 * can rename its own file over it; two claimants that both saw the dead holder cannot both win, and
 * one that saw it long ago finds it gone and backs off. Files from older builds (the pid alone, or
 * empty) are replaced the same way.
 */
export async function claimLockFile(path: string, options: ClaimLockFileOptions = {}): Promise<LockClaim> {
  const me = `${process.pid} ${randomUUID()}`;
  const outcome = await claim(path, me, options, 0);
  if (!outcome.held) return outcome;
  return { held: true, release: () => rm(path, { force: true }) };
}

async function claim(
  path: string,
  me: string,
  options: ClaimLockFileOptions,
  depth: number,
): Promise<Outcome> {
  const isAlive = options.isAlive ?? isProcessAlive;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(path, me)) return { held: true };
    const holder = await readHolder(path);
    if (holder === null) continue; // released in between
    const pid = Number.parseInt(holder, 10);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return { held: false, holder: pid };
    if (depth === MAX_DEPTH) break;
    await options.beforeTakeOver?.(path);
    const succession = `${path}.${createHash('sha256').update(holder).digest('hex').slice(0, 16)}`;
    const won = await claim(succession, me, options, depth + 1);
    if (!won.held) return won;
    try {
      if ((await readHolder(path)) === holder) {
        await replaceWith(path, me);
        return { held: true };
      }
    } finally {
      await rm(succession, { force: true });
    }
  }
  return { held: false, holder: null };
}

/** The holder's text, or `null` when there is no file. */
async function readHolder(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP']);

/** Creates `path` holding `text` unless it exists; `link` fails on an existing target, atomically. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  // A volume without hard links (FAT, some network shares): still exclusive, but briefly empty.
  try {
    await writeFile(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function replaceWith(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
