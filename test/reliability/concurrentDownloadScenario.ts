import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { verificationPath } from '../../src/core/llm/verifiedModel';
import { TINYARMS_BIN } from '../support/runTinyarms';
import { TEST_MODEL_ID, testModelEntry, testModelPath } from '../support/testModel';
import type { ReliabilityRow } from './reliabilityRow';

/** A slow mirror of Hugging Face on 127.0.0.1: Range-aware, 256 KiB every few ms, so pulls overlap. */
export interface SlowMirror {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export async function serveSlowly(path: string, chunkDelayMs = 4): Promise<SlowMirror> {
  const size = statSync(path).size;
  const mirror = { requests: 0 };
  const server = createServer((req, res) => {
    mirror.requests += 1;
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (start >= size && req.headers.range) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(start > 0 ? 206 : 200, {
      'Content-Length': String(size - start),
      ...(start > 0 ? { 'Content-Range': `bytes ${start}-${size - 1}/${size}` } : {}),
    });
    const stream = createReadStream(path, { start, highWaterMark: 256 * 1024 });
    stream.on('data', (chunk) => {
      stream.pause();
      res.write(chunk, () => setTimeout(() => stream.resume(), chunkDelayMs));
    });
    stream.on('end', () => res.end());
    res.on('close', () => stream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(mirror, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** How one `tinyarms model pull` process ended. */
export type PullOutcome = 'installed' | 'already-installed' | 'busy' | 'killed' | 'failed';

export interface Pull {
  pid: number;
  exited: Promise<{ outcome: PullOutcome; code: number | null; stderr: string }>;
  kill(): void;
}

/** Starts the real binary's `model pull` of the test model from `mirror` into `dataDir`. */
export function startPull(dataDir: string, mirror: SlowMirror): Pull {
  const child = spawn(
    process.execPath,
    [TINYARMS_BIN, '--data-dir', dataDir, 'model', 'pull', TEST_MODEL_ID, '--json'],
    {
      env: { ...process.env, TINYARMS_HOME: '', HF_ENDPOINT: mirror.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ outcome: PullOutcome; code: number | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => {
      let outcome: PullOutcome = 'failed';
      if (signal === 'SIGKILL') outcome = 'killed';
      else if (code === 0) {
        const result = JSON.parse(stdout) as { alreadyInstalled: boolean; verified: boolean };
        if (result.verified) outcome = result.alreadyInstalled ? 'already-installed' : 'installed';
      } else if (code === 1 && /^tinyarms: another download of .* is running \(process \d+\)/.test(stderr)) {
        outcome = 'busy';
      }
      resolve({ outcome, code, stderr });
    });
  });
  return { pid: child.pid ?? -1, exited, kill: () => child.kill('SIGKILL') };
}

/** What is left in the models folder: the installed file and its marker, and anything else. */
export interface ModelsFolder {
  files: string[];
  installedSha256: string | null;
  /** The marker agrees with the file: same sha256, size and mtime. */
  markerConsistent: boolean;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function inspectModels(dataDir: string): Promise<ModelsFolder> {
  const dir = join(dataDir, 'models');
  const file = join(dir, testModelEntry().file);
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  if (!existsSync(file)) return { files, installedSha256: null, markerConsistent: false };
  const installedSha256 = await sha256Of(file);
  let markerConsistent = false;
  try {
    const marker = JSON.parse(readFileSync(verificationPath(file), 'utf8'));
    const { size, mtimeMs } = statSync(file);
    markerConsistent =
      marker.sha256 === installedSha256 && marker.size === size && marker.mtimeMs === mtimeMs;
  } catch {
    markerConsistent = false;
  }
  return { files, installedSha256, markerConsistent };
}

export interface DownloadRound {
  outcomes: PullOutcome[];
  killed: number;
  folder: ModelsFolder;
  /** Bytes of `.part` when the kills landed (0 in a round without kills). */
  partAtKill: number;
}

function partPath(dataDir: string): string {
  return join(dataDir, 'models', `${testModelEntry().file}.part`);
}

/** Waits until the part file holds `bytes`, or every pull has exited (then a kill would be too late). */
async function partReaches(dataDir: string, bytes: number, pulls: readonly Pull[]): Promise<number> {
  let done = false;
  void Promise.all(pulls.map((pull) => pull.exited)).then(() => {
    done = true;
  });
  for (;;) {
    const size = existsSync(partPath(dataDir)) ? statSync(partPath(dataDir)).size : 0;
    if (size >= bytes || done) return size;
    await sleep(20);
  }
}

/**
 * `processes` concurrent pulls to one data folder. With `killAfterBytes`, every pull still running
 * once the part file holds that many bytes is SIGKILLed (the downloader among them), then
 * `processes` more pulls race to finish it.
 */
export async function downloadRound(
  mirror: SlowMirror,
  dataDir: string,
  processes: number,
  killAfterBytes?: number,
): Promise<DownloadRound> {
  let pulls = Array.from({ length: processes }, () => startPull(dataDir, mirror));
  let killed = 0;
  let partAtKill = 0;
  const outcomes: PullOutcome[] = [];
  if (killAfterBytes !== undefined) {
    partAtKill = await partReaches(dataDir, killAfterBytes, pulls);
    for (const pull of pulls) pull.kill();
    const first = await Promise.all(pulls.map((pull) => pull.exited));
    outcomes.push(...first.map((exit) => exit.outcome));
    killed = first.filter((exit) => exit.outcome === 'killed').length;
    pulls = Array.from({ length: processes }, () => startPull(dataDir, mirror));
  }
  const exits = await Promise.all(pulls.map((pull) => pull.exited));
  outcomes.push(...exits.map((exit) => exit.outcome));
  return { outcomes, killed, folder: await inspectModels(dataDir), partAtKill };
}

/** The files a finished pull must leave: the model and its verified marker, nothing else. */
export function expectedFiles(): string[] {
  const file = testModelEntry().file;
  return [file, `${file}.verified.json`].sort();
}

const PROCESSES = 4;

/** The concurrent-download figures: one clean round and one with SIGKILLs mid-download. */
export async function downloadSection(): Promise<ReliabilityRow[]> {
  const mirror = await serveSlowly(await testModelPath());
  const entry = testModelEntry();
  const rows: ReliabilityRow[] = [];
  try {
    for (const [scenario, killAfter] of [
      [`${PROCESSES} concurrent pulls`, undefined],
      [`${PROCESSES} pulls SIGKILLed mid-download, then ${PROCESSES} more`, 20_000_000],
    ] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), 'tinyarms-pulls-'));
      const started = performance.now();
      try {
        const round = await downloadRound(mirror, dataDir, PROCESSES, killAfter);
        const count = (outcome: PullOutcome) => round.outcomes.filter((o) => o === outcome).length;
        const verified = round.folder.installedSha256 === entry.sha256 ? 1 : 0;
        const clean = JSON.stringify(round.folder.files) === JSON.stringify(expectedFiles());
        rows.push({
          section: 'concurrent downloads',
          scenario,
          ok:
            verified === 1 &&
            clean &&
            round.folder.markerConsistent &&
            count('installed') === 1 &&
            count('failed') === 0,
          outcome: `${count('installed')} installed, ${count('busy')} refused as busy, ${count('already-installed')} found it installed, ${round.killed} killed, ${count('failed')} failed; files: ${round.folder.files.join(', ')}`,
          maxMs: performance.now() - started,
          figures: {
            processes: round.outcomes.length,
            killed: round.killed,
            verifiedFiles: verified,
            partBytesAtKill: round.partAtKill,
          },
        });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await mirror.close();
  }
  return rows;
}
