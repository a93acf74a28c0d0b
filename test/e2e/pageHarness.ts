import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CoreRef } from '../../src/core/app/coreRef';
import { DAY_MS } from '../../src/core/clock';
import { configPath } from '../../src/core/config/loadConfig';
import type { IpcServices } from '../../src/main/ipc/ipcHandlers';
import type { StateSnapshot } from '../../src/shared/ipc/stateSnapshotSchema';
import { launchChromium } from '../support/chromiumPath';
import { openTestCore, T0 } from '../support/openTestCore';
import { makeTempDataDirs } from '../support/tempDataDir';
import { type Bridge, startBridge } from './bridgeServer';
import { buildRenderer, repoRoot } from './buildRenderer';
import { seedScenario } from './seedScenario';
import { tinyarmsShim } from './tinyarmsShim';

/** Where the screenshots go (ignored by git); look at them after a UI change. */
export const screenshots = join(repoRoot, 'test-results');

export type TestCore = ReturnType<typeof openTestCore>;

export interface Harness<S> {
  page: Page;
  bridge: Bridge;
  core: TestCore;
  /** The core as the bridge's handlers hold it (a settings change replaces `ref.ctx`). */
  ref: CoreRef;
  /** What `seed` answered. */
  scenario: S;
  dataDir: string;
  /** Console errors and CSP violations seen by the page. */
  problems: string[];
}

export interface LaunchOptions<S> {
  dark?: boolean;
  /** config.yaml written into the data folder before the core opens it. */
  config?(dataDir: string): string;
  /** @default 360 × 520, the popover's size */
  size?: { width: number; height: number };
  /** Fills the data folder before the page opens. */
  seed(core: TestCore, dataDir: string): S;
  /** Main's services besides the core (picker, intake…), made for the core the bridge holds. */
  services?(ref: CoreRef): Omit<IpcServices, 'core' | 'appVersion' | 'onChange'>;
}

/** The week of use of `seedScenario`, after the skills were installed at T0. */
export const weekOfUse = (core: TestCore) =>
  seedScenario(core.ctx, core.clock, new Date(T0.getTime() + 9 * DAY_MS));

/**
 * The renderer in headless Chromium over the real core: registers the hooks of one test file (build
 * the pages into a folder of its own, start Chromium, close each test's page, bridge and core
 * afterwards) and answers `launch`, which opens one page on a fresh data folder.
 */
export function pageHarness() {
  const newDir = makeTempDataDirs();
  const open: { context: BrowserContext; bridge: Bridge; core: TestCore }[] = [];
  let browser: Browser;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await buildRenderer(mkdtempSync(join(tmpdir(), 'tinyarms-renderer-')));
    mkdirSync(screenshots, { recursive: true });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const item of open.splice(0)) {
      await item.context.close();
      await item.bridge.close();
      item.core.close();
    }
  });

  async function launch<S>(
    path: 'index.html' | 'preferences.html',
    options: LaunchOptions<S>,
  ): Promise<Harness<S>> {
    const dataDir = newDir();
    if (options.config) writeFileSync(configPath(dataDir), options.config(dataDir));
    const core = openTestCore(dataDir);
    const scenario = options.seed(core, dataDir);
    const ref: CoreRef = { ctx: core.ctx, configError: core.configError };
    const bridge = await startBridge({
      core: ref,
      rendererDir,
      ...(options.services ? { services: options.services(ref) } : {}),
    });
    const context = await browser.newContext({
      viewport: options.size ?? { width: 360, height: 520 },
      deviceScaleFactor: 2,
      colorScheme: options.dark ? 'dark' : 'light',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    open.push({ context, bridge, core });
    await context.addInitScript({ content: tinyarmsShim });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${bridge.url}/${path}`);
    return { page, bridge, core, ref, scenario, dataDir, problems };
  }

  return { launch };
}

/** Main's snapshot now, as the page would get it. */
export async function snapshotOf(bridge: Bridge): Promise<StateSnapshot> {
  return (await bridge.handlers.getState(undefined)) as StateSnapshot;
}
