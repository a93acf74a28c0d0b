import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type DownloadProgress,
  downloadModel,
  ModelDownloadError,
} from '../../../src/core/llm/downloadModel';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { testModelEntry, testModelPath } from '../../support/testModel';
import { type FileServer, serveFile } from './serveFile';

const entry = testModelEntry();
const SHA = entry.sha256 ?? '';
const SIZE = entry.sizeBytes ?? 0;
let source: string;
const servers: FileServer[] = [];

beforeAll(async () => {
  source = await testModelPath();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const newDir = makeTempDataDirs();

function destination(): string {
  return join(newDir(), 'models', entry.file);
}

async function server(options: Parameters<typeof serveFile>[1] = {}): Promise<FileServer> {
  const started = await serveFile(source, options);
  servers.push(started);
  return started;
}

describe('downloadModel', () => {
  it('resumes an aborted download with a Range request and installs the verified file', async () => {
    const { url, ranges } = await server();
    const dest = destination();
    const abort = new AbortController();
    const first = downloadModel({
      url,
      destination: dest,
      sha256: SHA,
      sizeBytes: SIZE,
      progressIntervalMs: 0,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.received > SIZE / 3) abort.abort(new Error('user cancelled'));
      },
    });
    await expect(first).rejects.toThrow('user cancelled');
    expect(existsSync(dest)).toBe(false);
    const partial = statSync(`${dest}.part`).size;
    expect(partial).toBeGreaterThan(SIZE / 3);
    expect(partial).toBeLessThan(SIZE);

    const events: DownloadProgress[] = [];
    const result = await downloadModel({
      url,
      destination: dest,
      sha256: SHA,
      sizeBytes: SIZE,
      onProgress: (p) => events.push(p),
    });
    expect(result).toMatchObject({ bytes: SIZE, sha256: SHA, resumedFrom: partial, alreadyInstalled: false });
    expect(ranges.at(-1)).toBe(`bytes=${partial}-`);
    expect(statSync(dest).size).toBe(SIZE);
    expect(existsSync(`${dest}.part`)).toBe(false);
    const last = events.at(-1);
    expect(last).toMatchObject({ received: SIZE, total: SIZE });
    expect(events.every((e) => e.received >= partial && e.rate >= 0)).toBe(true);
  });

  it('resumes after the server drops the connection mid-file', async () => {
    const { url } = await server({ dropAfterBytes: 10_000_000 });
    const dest = destination();
    await expect(downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE })).rejects.toThrow();
    // fetch drops the chunks it received but had not yet handed over when the socket closed, so
    // the part holds a prefix of what the server sent, not necessarily all of it.
    const part = readFileSync(`${dest}.part`);
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThanOrEqual(10_000_000);
    expect(part.equals(readFileSync(source).subarray(0, part.length))).toBe(true);
    const result = await downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE });
    expect(result.resumedFrom).toBe(part.length);
    expect(result.sha256).toBe(SHA);
    expect(statSync(dest).size).toBe(SIZE);
  });

  it('restarts from zero when the server ignores the range', async () => {
    const { url } = await server({ ignoreRange: true });
    const dest = destination();
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(`${dest}.part`, readFileSync(source).subarray(0, 1_000_000));
    const result = await downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE });
    expect(result.resumedFrom).toBe(0);
    expect(statSync(dest).size).toBe(SIZE);
  });

  it('rejects a file whose sha256 differs, leaving nothing in place', async () => {
    const { url } = await server();
    const dest = destination();
    const wrong = `${'0'.repeat(63)}1`;
    const failure = downloadModel({ url, destination: dest, sha256: wrong, sizeBytes: SIZE });
    await expect(failure).rejects.toThrow(/sha256 mismatch .* expected 0{63}1, got b179c952/);
    await expect(failure).rejects.toBeInstanceOf(ModelDownloadError);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('refuses an unverified model unless allowed, before downloading anything', async () => {
    const { url, ranges } = await server();
    const dest = destination();
    await expect(downloadModel({ url, destination: dest, sha256: null })).rejects.toThrow(
      /--allow-unverified/,
    );
    expect(ranges).toHaveLength(0);
    const result = await downloadModel({ url, destination: dest, sha256: null, allowUnverified: true });
    expect(result.sha256).toBe(SHA);
  });

  it('checks free disk space before writing a byte', async () => {
    const { url, ranges } = await server();
    const dest = destination();
    const failure = downloadModel({
      url,
      destination: dest,
      sha256: SHA,
      sizeBytes: SIZE,
      diskMarginBytes: Number.MAX_SAFE_INTEGER / 2,
    });
    await expect(failure).rejects.toThrow(/not enough free disk/);
    expect(ranges).toHaveLength(0);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('does nothing when the verified file is already installed, and names HTTP errors', async () => {
    const { url, ranges } = await server();
    const dest = destination();
    await downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE });
    const again = await downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE });
    expect(again.alreadyInstalled).toBe(true);
    expect(ranges).toHaveLength(1);
    await expect(
      downloadModel({ url: `${url}/missing.gguf`, destination: destination(), sha256: SHA }),
    ).rejects.toThrow(/HTTP 404/);
  });

  it('runs one download per destination across processes and verifies the file on disk, not the stream', async () => {
    const { url } = await server({ throttleFirstMs: 2 });
    const dest = destination();
    let tampered = false;
    const first = downloadModel({
      url,
      destination: dest,
      sha256: SHA,
      sizeBytes: SIZE,
      progressIntervalMs: 0,
      onProgress: (p) => {
        // Another writer (a build without the lock) appends to the part mid-download.
        if (!tampered && p.received > SIZE / 4) {
          tampered = true;
          appendFileSync(`${dest}.part`, Buffer.alloc(4096, 7));
        }
      },
    });
    // A second download to the same destination while the first runs is refused, by its lock.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(
      downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE }),
    ).rejects.toMatchObject({
      problem: 'busy',
      message: expect.stringContaining(`process ${process.pid}`),
    });
    await expect(first).rejects.toBeInstanceOf(ModelDownloadError);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(existsSync(`${dest}.lock`)).toBe(false);
  });

  it('refuses while a live process holds the lock, and takes over the lock of one that is gone', async () => {
    const { url } = await server();
    const dest = destination();
    mkdirSync(dirname(dest), { recursive: true });
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(`${dest}.lock`, String(child.pid));
      await expect(
        downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE }),
      ).rejects.toMatchObject({
        problem: 'busy',
      });
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const result = await downloadModel({ url, destination: dest, sha256: SHA, sizeBytes: SIZE });
    expect(result).toMatchObject({ sha256: SHA, bytes: SIZE, alreadyInstalled: false });
    expect(statSync(dest).size).toBe(SIZE);
    expect(existsSync(`${dest}.lock`)).toBe(false);
  });
});
