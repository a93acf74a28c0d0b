import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModelDownloads } from '../../src/core/llm/modelDownloads';
import { eventNames } from '../../src/shared/ipc/channelNames';
import { type FileServer, serveFile } from '../core/llm/serveFile';
import { TEST_MODEL_ID, testModelEntry, testModelPath } from '../support/testModel';
import type { Bridge } from './bridgeServer';
import { pageHarness, screenshots } from './pageHarness';

const harness = pageHarness();
const entry = testModelEntry();
const servers: FileServer[] = [];
let source: string;

beforeAll(async () => {
  source = await testModelPath();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/**
 * A first launch: an empty data folder whose config names the test model, the app's model
 * downloads (the core's, as main composes them) over a local server standing in for Hugging Face,
 * with progress pushed as main pushes it.
 */
async function firstLaunch(path: 'index.html' | 'preferences.html', endpoint: (url: string) => string) {
  const server = await serveFile(source, { throttleFirstMs: 10 });
  servers.push(server);
  let bridge: Bridge | null = null;
  const launched = await harness.launch(path, {
    config: () => `model:\n  name: ${TEST_MODEL_ID}\n`,
    seed: () => null,
    size: path === 'index.html' ? { width: 360, height: 520 } : { width: 680, height: 560 },
    services: (ref) => ({
      models: createModelDownloads({
        dataDir: ref.ctx.dataDir,
        config: () => ref.ctx.config,
        endpoint: endpoint(server.url),
        onProgress: (progress) => bridge?.push(eventNames.modelDownloadProgress, progress),
        onChange: () => bridge?.changed(),
      }),
    }),
  });
  bridge = launched.bridge;
  return { ...launched, server };
}

describe('the model download in Chromium over the real core', () => {
  it('first launch offers the model in the popover: download with progress, cancel, resume, ready', async () => {
    const { page, dataDir, server, problems } = await firstLaunch('index.html', (url) => url);
    const card = page.getByTestId('model-download');
    await expect.poll(() => card.getAttribute('data-state')).toBe('missing');
    expect(await card.textContent()).toMatch(new RegExp(`${TEST_MODEL_ID} \\([\\d.]+ MB\\)`));
    await page.screenshot({ path: join(screenshots, 'first-launch-light.png') });

    await page.getByRole('button', { name: 'Download model' }).click();
    await expect.poll(() => card.getAttribute('data-state')).toBe('downloading');
    // Live figures from the progress events: bytes of the total, the rate and the time left.
    await expect
      .poll(() => card.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(/[\d.]+ MB of [\d.]+ MB · [\d.]+ MB\/s · about \d+ (s|min|h)\b.* left/);
    const bar = card.getByRole('progressbar', { name: 'Model downloaded' });
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'model-download-light.png') });
    // The status bar follows the same events.
    await expect.poll(() => page.locator('.statusbar').textContent()).toMatch(/Downloading model… [1-9]\d*%/);

    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('missing');
    expect(await card.textContent()).toMatch(/arrived before; the download goes on from there/);
    expect(existsSync(join(dataDir, 'models', `${entry.file}.part`))).toBe(true);

    await card.getByRole('button', { name: 'Resume download' }).click();
    // Ready: the first-launch card gives way to the usual popover, and the status bar says so.
    await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(0);
    expect(await page.locator('.statusbar').textContent()).toMatch(`${TEST_MODEL_ID} ready`);
    expect(existsSync(join(dataDir, 'models', entry.file))).toBe(true);
    expect(server.ranges[0]).toBeNull();
    expect(server.ranges.at(-1)).toMatch(/^bytes=[1-9]\d*-$/);
    expect(problems).toEqual([]);
  });

  it('Preferences → Model shows a failed download with its reason, and Retry', async () => {
    const { page, problems } = await firstLaunch('preferences.html', (url) => `${url}/missing`);
    await page.getByRole('tab', { name: 'Model' }).click();
    const card = page.getByTestId('model-download');
    await page.getByRole('button', { name: 'Download model' }).click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
    expect(await card.textContent()).toMatch(/The download failed: .*404/);
    expect(await card.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'preferences-model-error-light.png') });
    expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
  });

  it('a status read the failure overtook does not hide the failure', async () => {
    // The card reads the status after the click; that read is made while the download runs, its
    // answer held back until the failure's snapshot has been pushed and shown, then delivered.
    let readMade: () => void = () => undefined;
    const failAfterRead = new Promise<void>((resolve) => {
      readMade = resolve;
    });
    const slow404 = createServer((_, response) => {
      void failAfterRead.then(() => response.writeHead(404, 'Not Found').end());
    });
    await new Promise<void>((resolve) => slow404.listen(0, '127.0.0.1', resolve));
    const { port } = slow404.address() as AddressInfo;
    try {
      const { page } = await firstLaunch('preferences.html', () => `http://127.0.0.1:${port}`);
      await page.getByRole('tab', { name: 'Model' }).click();
      const card = page.getByTestId('model-download');
      let lateAnswer = '';
      await page.route('**/ipc/model%3Astatus', async (route) => {
        const response = await route.fetch();
        lateAnswer = await response.text();
        readMade();
        await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
        await route.fulfill({ response });
      });
      const delivered = page.waitForResponse('**/ipc/model%3Astatus');
      await page.getByRole('button', { name: 'Download model' }).click();
      await delivered;
      // Let the page handle the late answer and render.
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
      expect(lateAnswer).toContain('"downloading"');
      expect(await card.getAttribute('data-state')).toBe('error');
    } finally {
      await new Promise((resolve) => slow404.close(resolve));
    }
  });
});
