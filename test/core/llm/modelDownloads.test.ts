import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Config, defaultConfig } from '../../../src/core/config';
import { UserInputError } from '../../../src/core/coreContext';
import {
  createModelDownloads,
  type ModelAvailability,
  type ModelDownloadProgress,
} from '../../../src/core/llm/modelDownloads';
import { modelManifest } from '../../../src/core/llm/modelManifest';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { TEST_MODEL_ID, testModelEntry, testModelPath } from '../../support/testModel';
import { type FileServer, serveFile } from './serveFile';

const entry = testModelEntry();
const SIZE = entry.sizeBytes ?? 0;
const config: Pick<Config, 'model'> = { model: { ...defaultConfig.model, name: TEST_MODEL_ID } };
let source: string;
const servers: FileServer[] = [];
const newDir = makeTempDataDirs();

beforeAll(async () => {
  source = await testModelPath();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function server(options: Parameters<typeof serveFile>[1] = {}): Promise<FileServer> {
  const started = await serveFile(source, options);
  servers.push(started);
  return started;
}

describe('createModelDownloads', () => {
  it('downloads in the background with progress, cancels keeping the part, resumes to a ready model', async () => {
    const { url, ranges } = await server({ throttleFirstMs: 2 });
    const dataDir = newDir();
    const progress: ModelDownloadProgress[] = [];
    const changes: ModelAvailability[] = [];
    const downloads = createModelDownloads({
      dataDir,
      config: () => config,
      endpoint: url,
      onProgress: (p) => {
        progress.push(p);
        if (p.received > SIZE / 4 && ranges.length === 1) downloads.cancel();
      },
      onChange: () => changes.push(downloads.availability()),
    });
    expect(downloads.availability()).toMatchObject({
      state: 'missing',
      model: TEST_MODEL_ID,
      partialBytes: 0,
    });

    expect(downloads.start(TEST_MODEL_ID)).toEqual({ started: true });
    expect(downloads.start(TEST_MODEL_ID)).toEqual({ started: false });
    expect(downloads.availability()).toMatchObject({ state: 'downloading', total: SIZE });
    await downloads.idle();
    const cancelled = downloads.availability();
    expect(cancelled.state).toBe('missing');
    const partial = cancelled.state === 'missing' ? cancelled.partialBytes : 0;
    expect(partial).toBeGreaterThan(SIZE / 4);
    expect(partial).toBeLessThan(SIZE);
    expect(changes.map((c) => c.state)).toEqual(['downloading', 'missing']);

    downloads.start(TEST_MODEL_ID);
    await downloads.idle();
    expect(ranges).toEqual([null, `bytes=${partial}-`]);
    expect(downloads.availability()).toEqual({ state: 'ready', model: TEST_MODEL_ID, loaded: false });
    expect(existsSync(join(dataDir, 'models', entry.file))).toBe(true);
    const last = progress.at(-1);
    expect(last).toMatchObject({ model: TEST_MODEL_ID, received: SIZE, total: SIZE });
    expect(progress.some((p) => p.rate !== null && p.rate > 0)).toBe(true);
    expect(
      progress.every(
        (p, i) => i === 0 || p.received >= (progress[i - 1]?.received ?? 0) || p.received === partial,
      ),
    ).toBe(true);
  });

  it('reports a failed download as an error with its reason, and a retry clears it', async () => {
    const { url } = await server();
    const dataDir = newDir();
    let endpoint = `${url}/missing`;
    const downloads = createModelDownloads({
      dataDir,
      config: () => config,
      // Read at each start: the retry goes to the working server.
      get endpoint() {
        return endpoint;
      },
    });
    downloads.start(TEST_MODEL_ID);
    await downloads.idle();
    const failed = downloads.availability();
    expect(failed).toMatchObject({ state: 'error', model: TEST_MODEL_ID });
    expect(failed.state === 'error' ? failed.message : '').toMatch(/404/);
    endpoint = url;
    downloads.start(TEST_MODEL_ID);
    expect(downloads.availability().state).toBe('downloading');
    await downloads.idle();
    expect(downloads.availability().state).toBe('ready');
  });

  it('refuses names it cannot download and a second model while one downloads', async () => {
    const { url } = await server({ throttleFirstMs: 5 });
    const downloads = createModelDownloads({ dataDir: newDir(), config: () => config, endpoint: url });
    expect(() => downloads.start('no-such-model')).toThrow(UserInputError);
    expect(() => downloads.start('/tmp/mine.gguf')).toThrow(/not a model tinyArms can download/);
    expect(downloads.cancel()).toBe(false);
    downloads.start(TEST_MODEL_ID);
    const other = modelManifest.models.find((m) => m.id !== TEST_MODEL_ID)?.id ?? '';
    expect(() => downloads.start(other)).toThrow(/smollm2-135m-instruct is downloading; cancel it/);
    expect(downloads.cancel()).toBe(true);
    await downloads.idle();
  });
});
