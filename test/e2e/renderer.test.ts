import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/clock';
import { configPath } from '../../src/core/config/loadConfig';
import { configLeafPaths } from '../../src/core/config/suggestConfigKey';
import type { PendingChoice } from '../../src/shared/ipc/stateSchemas';
import type { StateSnapshot } from '../../src/shared/ipc/stateSnapshotSchema';
import { chromiumPath } from '../support/chromiumPath';
import { openTestCore, T0 } from '../support/openTestCore';
import { makeTempDataDirs } from '../support/tempDataDir';
import { type Bridge, startBridge } from './bridgeServer';
import { buildRenderer, repoRoot } from './buildRenderer';
import { seedScenario } from './seedScenario';
import { tinyarmsShim } from './tinyarmsShim';

const newDir = makeTempDataDirs();
const screenshots = join(repoRoot, 'test-results');
let browser: Browser;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await buildRenderer();
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

interface Harness {
  page: Page;
  bridge: Bridge;
  core: ReturnType<typeof openTestCore>;
  scenario: ReturnType<typeof seedScenario>;
  dataDir: string;
  /** Console errors and CSP violations seen by the page. */
  problems: string[];
}

const open: { context: BrowserContext; bridge: Bridge; core: ReturnType<typeof openTestCore> }[] = [];

afterEach(async () => {
  for (const item of open.splice(0)) {
    await item.context.close();
    await item.bridge.close();
    item.core.close();
  }
});

async function launch(
  path: 'index.html' | 'preferences.html',
  options: { dark?: boolean; size?: { width: number; height: number } } = {},
): Promise<Harness> {
  const dataDir = newDir();
  const core = openTestCore(dataDir);
  // The week of use happens after the skills were installed at T0.
  const scenario = seedScenario(core.ctx, core.clock, new Date(T0.getTime() + 9 * DAY_MS));
  const bridge = await startBridge({ core: { ctx: core.ctx, configError: core.configError }, rendererDir });
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
  return { page, bridge, core, scenario, dataDir, problems };
}

async function snapshotOf(bridge: Bridge): Promise<StateSnapshot> {
  return (await bridge.handlers.getState(undefined)) as StateSnapshot;
}

/** The option number (1-based) the page shows for an arm of the first pending choice. */
function optionFor(choice: PendingChoice, arm: string): number {
  return choice.options.findIndex((o) => o.arm === arm || o.sameAs.includes(arm)) + 1;
}

describe('popover in Chromium over the real core', () => {
  it('records a vote by click and by key, and shows the new counts and posterior from the database', async () => {
    const { page, bridge, core, scenario, problems } = await launch('index.html');
    await expect.poll(() => page.getByTestId('vote-count').textContent()).toBe('0/50 votes');
    await page.screenshot({ path: join(screenshots, 'popover-light.png') });
    const before = await page.getByTestId('pbest-A').textContent();

    const first = (await snapshotOf(bridge)).pending[0] as PendingChoice;
    await page.getByRole('button', { name: new RegExp(`^Option ${optionFor(first, 'A')}:`) }).click();
    await expect.poll(() => page.getByTestId('vote-count').textContent()).toBe('1/50 votes');
    const votes = core.ctx.store.sessions.votesOf(scenario.session);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ task: first.task, chosen: 'A' });
    await expect.poll(() => page.getByTestId('pbest-A').textContent()).not.toBe(before);

    const second = (await snapshotOf(bridge)).pending[0] as PendingChoice;
    expect(second.task).not.toBe(first.task);
    await expect.poll(() => page.locator('section.choice').getAttribute('aria-busy')).toBe('false');
    await page.keyboard.press(String(optionFor(second, 'original')));
    await expect.poll(() => page.getByTestId('vote-count').textContent()).toBe('2/50 votes');
    expect(core.ctx.store.sessions.votesOf(scenario.session).at(-1)).toMatchObject({ chosen: 'original' });

    // Esc is Skip: stored, counted for nothing, and the card moves on. The card ignores keys while
    // the previous vote is in flight, as a person would see it: wait until it is ready again.
    await expect.poll(() => page.locator('section.choice').getAttribute('aria-busy')).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => core.ctx.store.sessions.votesOf(scenario.session).length).toBe(3);
    expect(core.ctx.store.sessions.votesOf(scenario.session).at(-1)?.chosen).toBeNull();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Nothing to decide right now' }).count())
      .toBe(1);
    await expect.poll(() => page.getByTestId('status-file-naming').textContent()).toBe('A/B 2/50');
    expect(problems).toEqual([]);
  });

  it('ends a session at its decision and promotes the winner', async () => {
    const { page, bridge, core, scenario, problems } = await launch('index.html');
    const { recordVote } = await import('../../src/core/evolution/abVoting');
    for (let i = 0; i < 14; i++) {
      recordVote(core.ctx, {
        session: scenario.session,
        shown: ['original', 'A', 'B'],
        chosen: 'A',
        key: `seed-vote-${i}`,
      });
    }
    await bridge.handlers.getState(undefined);
    await page.reload();
    await expect.poll(() => page.getByTestId('vote-count').textContent()).toBe('14/50 votes');
    await expect.poll(() => page.getByTestId('leader-summary').textContent()).toMatch(/^Variant|^A /);
    const choice = (await snapshotOf(bridge)).pending[0] as PendingChoice;
    await page.keyboard.press(String(optionFor(choice, 'A')));
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/A is best/);
    expect(core.ctx.store.sessions.getSession(scenario.session)?.status).toBe('completed');
    expect(core.ctx.store.prompts.activeVersion('file-naming')).toMatchObject({
      version: 2,
      source: 'manual',
    });
    await expect.poll(() => page.getByTestId('status-file-naming').textContent()).not.toMatch(/A\/B/);
    expect(problems).toEqual([]);
  });
});

describe('history in Chromium', () => {
  it('diffs two versions and rolls back after confirmation', async () => {
    const { page, core, problems } = await launch('index.html');
    await page.getByRole('button', { name: /^Voice memo|^Audio/ }).click();
    await expect.poll(() => page.getByTestId('diff-stats').textContent()).toMatch(/^\+\d+ −\d+$/);
    const added = await page.locator('.diff-body .line.added').count();
    expect(added).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'history-light.png') });

    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back to v1?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Roll Back' }).click();
    await expect.poll(() => core.ctx.store.prompts.activeVersion('audio-actions').version).toBe(3);
    expect(core.ctx.store.prompts.activeVersion('audio-actions').source).toBe('rollback');
    await expect.poll(() => page.getByTestId('version-3').textContent()).toMatch(/Rollback.*Active/);
    expect(problems).toEqual([]);
  });
});

describe('preferences in Chromium', () => {
  it('shows the schema’s message inline and saves nothing until the value is valid', async () => {
    const { page, core, dataDir, problems } = await launch('preferences.html', {
      size: { width: 680, height: 520 },
    });
    await expect.poll(() => page.getByRole('tab').count()).toBe(7);
    await page.screenshot({ path: join(screenshots, 'preferences-light.png') });
    await page.getByRole('tab', { name: 'A/B testing' }).click();
    const minVotes = page.getByLabel('Minimum votes');
    await minVotes.fill('80');
    await minVotes.press('Tab');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('must be ≤ max_votes (50), got 80');
    expect(await minVotes.getAttribute('aria-invalid')).toBe('true');
    expect(existsSync(configPath(dataDir))).toBe(false);
    await page.screenshot({ path: join(screenshots, 'preferences-error-light.png') });

    await minVotes.fill('20');
    await minVotes.press('Enter');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
    expect(readFileSync(configPath(dataDir), 'utf8')).toMatch(/min_votes: 20/);
    expect(core.ctx.config.ab_testing.min_votes).toBe(15); // the bridge's core, not the test's, was switched
    expect(problems).toEqual([]);
  });

  it('offers every setting of the config schema, grouped, plus the pause switch', async () => {
    const { page } = await launch('preferences.html', { size: { width: 680, height: 520 } });
    // The settings arrive over IPC after the page loads: wait for the tabs, then for each tab's rows.
    await expect.poll(() => page.getByRole('tab').count()).toBe(7);
    const offered: string[] = [];
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.locator('.setting').count()).toBeGreaterThan(0);
      for (const row of await page.locator('.setting').all())
        offered.push((await row.getAttribute('data-key')) ?? '');
    }
    const settings = configLeafPaths().map((path) => path.join('.'));
    expect([...offered, 'evolution.paused'].sort()).toEqual(settings.sort());
    // The switch shows main's state, so it turns on when main's answer arrives, not on the click itself.
    const pause = page.getByRole('switch', { name: 'Pause all evolution' });
    await pause.click();
    await expect.poll(() => pause.isChecked()).toBe(true);
    await expect.poll(() => page.getByText('No new prompts are bred', { exact: false }).count()).toBe(1);
  });
});

describe('dark mode', () => {
  it('follows the system appearance on every page', async () => {
    const popover = await launch('index.html', { dark: true });
    await expect.poll(() => popover.page.getByTestId('vote-count').count()).toBe(1);
    const background = await popover.page.evaluate<string>(
      'getComputedStyle(document.documentElement).backgroundColor',
    );
    expect(background).toBe('rgb(30, 30, 32)');
    await popover.page.screenshot({ path: join(screenshots, 'popover-dark.png') });
    await popover.page.getByRole('button', { name: /^Voice memo|^Audio/ }).click();
    await expect.poll(() => popover.page.getByTestId('diff-stats').count()).toBe(1);
    await popover.page.screenshot({ path: join(screenshots, 'history-dark.png') });

    const prefs = await launch('preferences.html', { dark: true, size: { width: 680, height: 520 } });
    await expect.poll(() => prefs.page.getByRole('tab').count()).toBe(7);
    await prefs.page.screenshot({ path: join(screenshots, 'preferences-dark.png') });
    expect([...popover.problems, ...prefs.problems]).toEqual([]);
  });
});
