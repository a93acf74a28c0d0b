import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { claimLockFile } from './claimLockFile';
import { recordVerification } from './verifiedModel';

/** One progress report: bytes so far (including a resumed part), speed of this session, ETA. */
export interface DownloadProgress {
  received: number;
  /** `null` until the size is known. */
  total: number | null;
  /** Bytes per second over this session. */
  rate: number;
  /** `null` while the rate or size is unknown. */
  etaSeconds: number | null;
}

export interface DownloadModelOptions {
  url: string;
  /** Final path; the download goes to `<destination>.part` until verified. */
  destination: string;
  /** Lowercase hex; `null` = unknown (then `allowUnverified` must be set). */
  sha256: string | null;
  /** Expected size in bytes, if published: checked before and after. */
  sizeBytes?: number | null;
  /** Install a file no hash can vouch for. @default false */
  allowUnverified?: boolean;
  /** Called at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** @default 100 */
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** Free bytes to leave on the disk beyond the file. @default 64 MiB */
  diskMarginBytes?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Milliseconds, for the rate. @default performance.now */
  now?: () => number;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** Bytes that were already on disk from an interrupted download. */
  resumedFrom: number;
  /** The file was already installed and verified: nothing downloaded. */
  alreadyInstalled: boolean;
}

/** A download that cannot finish; nothing unverified is left at the destination. */
export class ModelDownloadError extends Error {
  override readonly name = 'ModelDownloadError';
  constructor(
    readonly problem: 'unverified' | 'disk-full' | 'http' | 'size' | 'sha256' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Downloads a model file with resume and verification:
 * - an interrupted download leaves `<destination>.part`; the next call asks the server for the
 *   rest (HTTP Range) and restarts from zero if the server ignores the range or the part is too big;
 * - free disk space (`fs.statfs`) is checked before any byte is written;
 * - the sha256 is computed over the part file on disk (resumed bytes included) and compared BEFORE
 *   the rename, so the destination only ever holds a verified file; a mismatch deletes the part;
 * - one download per destination at a time, across processes (`<destination>.lock`);
 * - the part is fsynced before the rename so a power cut cannot leave a short file in place.
 */
export async function downloadModel(options: DownloadModelOptions): Promise<DownloadResult> {
  await mkdir(dirname(options.destination), { recursive: true });
  const release = await lockDestination(options.destination);
  try {
    return await downloadLocked(options);
  } finally {
    await release();
  }
}

/**
 * One download per destination across processes (the app and `model pull`, two pulls): the lock is
 * `<destination>.lock` holding the owner's pid (see {@link claimLockFile}); a lock whose process is
 * gone is taken over by one claimant. A second download is refused while the first runs, never
 * interleaved into one part file.
 */
async function lockDestination(destination: string): Promise<() => Promise<void>> {
  const claim = await claimLockFile(`${destination}.lock`);
  if (claim.held) return claim.release;
  if (claim.holder !== null) {
    throw new ModelDownloadError(
      'busy',
      `another download of ${destination} is running (process ${claim.holder}); wait for it to finish`,
    );
  }
  throw new ModelDownloadError('busy', `cannot lock ${destination} for downloading; try again`);
}

async function downloadLocked(options: DownloadModelOptions): Promise<DownloadResult> {
  const { url, destination, sha256 } = options;
  const expectedSize = options.sizeBytes ?? null;
  if (sha256 === null && !options.allowUnverified) {
    throw new ModelDownloadError(
      'unverified',
      `no published sha256 for ${destination}; refusing to install an unverified file (pass --allow-unverified to accept it)`,
    );
  }
  const installed = await installedMatch(destination, sha256, expectedSize);
  if (installed) return { path: destination, ...installed, resumedFrom: 0, alreadyInstalled: true };

  const part = `${destination}.part`;
  let offset = await sizeOf(part);
  if (expectedSize !== null && offset > expectedSize) offset = await restart(part);
  if (expectedSize !== null) await ensureDiskSpace(dirname(destination), expectedSize - offset, options);

  const doFetch = options.fetch ?? fetch;
  let response = await request(doFetch, url, offset, options.signal);
  if (offset > 0 && response.status === 416) {
    // The part may already be complete (killed between download and rename); the hash decides.
    await response.body?.cancel();
    if (expectedSize === null || offset !== expectedSize) {
      offset = await restart(part);
      response = await request(doFetch, url, 0, options.signal);
    }
  } else if (offset > 0 && response.status === 200) {
    offset = await restart(part);
  }
  if (response.status !== 416 && !response.ok) {
    await response.body?.cancel();
    throw new ModelDownloadError(
      'http',
      `download of ${url} failed: HTTP ${response.status} ${response.statusText}`,
    );
  }
  const total = response.status === 416 ? offset : (totalSize(response, offset) ?? expectedSize);
  if (expectedSize !== null && total !== null && total !== expectedSize) {
    await response.body?.cancel();
    throw new ModelDownloadError('size', `${url} is ${total} bytes, the manifest says ${expectedSize}`);
  }
  if (expectedSize === null && total !== null)
    await ensureDiskSpace(dirname(destination), total - offset, options);

  const received =
    response.status === 416 ? offset : await appendBody(response, part, offset, total, options);
  if (total !== null && received !== total) {
    throw new ModelDownloadError(
      'size',
      `download of ${url} ended at ${received} of ${total} bytes; run it again to resume`,
    );
  }
  // The hash is taken over the file on disk, not the bytes this process streamed: what gets
  // installed is what was verified, whatever else wrote to the part.
  const onDisk = await sizeOf(part);
  if (total !== null && onDisk !== total) {
    await rm(part, { force: true });
    throw new ModelDownloadError(
      'size',
      `the downloaded file is ${onDisk} bytes, not ${total}; it was deleted, nothing was installed`,
    );
  }
  const hash = createHash('sha256');
  await hashFile(part, hash);
  const actual = hash.digest('hex');
  if (sha256 !== null && actual !== sha256) {
    await rm(part, { force: true });
    throw new ModelDownloadError(
      'sha256',
      `sha256 mismatch for ${url}: expected ${sha256}, got ${actual}; the download was deleted, nothing was installed`,
    );
  }
  await rename(part, destination);
  await recordVerification(destination, actual);
  return { path: destination, bytes: onDisk, sha256: actual, resumedFrom: offset, alreadyInstalled: false };
}

async function request(doFetch: typeof fetch, url: string, offset: number, signal?: AbortSignal) {
  try {
    return await doFetch(url, {
      headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      redirect: 'follow',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    // fetch only says "fetch failed"; the cause (DNS, refused, TLS) is what the user can act on.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new ModelDownloadError(
      'http',
      `cannot reach ${new URL(url).host} (${why}); check the network and run it again`,
    );
  }
}

function totalSize(response: Response, offset: number): number | null {
  const range = response.headers.get('content-range')?.match(/\/(\d+)$/);
  if (range?.[1]) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length === null ? null : offset + Number(length);
}

async function appendBody(
  response: Response,
  part: string,
  offset: number,
  total: number | null,
  options: DownloadModelOptions,
): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const interval = options.progressIntervalMs ?? 100;
  const started = now();
  let received = offset;
  let lastReport = Number.NEGATIVE_INFINITY;
  const report = (force: boolean) => {
    const at = now();
    if (!options.onProgress || (!force && at - lastReport < interval)) return;
    lastReport = at;
    const seconds = (at - started) / 1000;
    const rate = seconds > 0 ? (received - offset) / seconds : 0;
    const etaSeconds = total !== null && rate > 0 ? (total - received) / rate : null;
    options.onProgress({ received, total, rate, etaSeconds });
  };
  const file = await open(part, 'a');
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        await file.write(chunk);
        received += chunk.byteLength;
        report(false);
      }
    }
    await file.sync();
  } finally {
    await file.close();
  }
  report(true);
  return received;
}

async function installedMatch(path: string, sha256: string | null, size: number | null) {
  const bytes = await sizeOf(path);
  if (bytes === 0 || (size !== null && bytes !== size)) return null;
  const hash = createHash('sha256');
  await hashFile(path, hash);
  const actual = hash.digest('hex');
  if (sha256 !== null && actual !== sha256) return null;
  await recordVerification(path, actual);
  return { bytes, sha256: actual };
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function restart(part: string): Promise<0> {
  await rm(part, { force: true });
  return 0;
}

async function ensureDiskSpace(dir: string, needed: number, options: DownloadModelOptions): Promise<void> {
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  const margin = options.diskMarginBytes ?? 64 * 1024 * 1024;
  if (free < needed + margin) {
    const mb = (n: number) => `${Math.ceil(n / 1e6)} MB`;
    throw new ModelDownloadError(
      'disk-full',
      `not enough free disk in ${dir}: the model needs ${mb(needed + margin)}, ${mb(free)} free`,
    );
  }
}
