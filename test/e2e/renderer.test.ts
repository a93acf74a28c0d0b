import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath } from '../../src/core/config/loadConfig';
import { eventNames } from '../../src/shared/ipc/channelNames';
import type { PendingChoice } from '../../src/shared/ipc/stateSchemas';
import { configLeafPaths } from '../../src/shared/values/suggestConfigKey';
import { pageHarness, screenshots, snapshotOf, weekOfUse } from './pageHarness';

const harness = pageHarness();

/** A page over a data folder after a week of use (`seedScenario`). */
const launch = (
  path: 'index.html' | 'preferences.html',
  options: { dark?: boolean; size?: { width: number; height: number } } = {},
) => harness.launch(path, { ...options, seed: weekOfUse });

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
    const judged = page.getByTestId('judge-A');
    expect(await judged.textContent()).toBe('judge 76');
    expect(await judged.getAttribute('title')).toMatch(/judged by the local tier/);
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
    await expect.poll(() => page.getByRole('tab').count()).toBe(8);
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
    await expect.poll(() => page.getByRole('tab').count()).toBe(8);
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

describe('a due evolution waiting for the machine', () => {
  it('says Waiting and why, not "Evolving 0%", and shows progress once it breeds', async () => {
    const { page, bridge, core, problems } = await harness.launch('index.html', {
      seed: (c) => {
        const scenario = weekOfUse(c);
        c.ctx.store.write(() =>
          c.ctx.store.sessions.createSession(
            {
              skill: 'audio-actions',
              originalVersion: c.ctx.store.prompts.activeVersion('audio-actions').version,
              trigger: 'accuracy_drop',
              start: 'breed',
            },
            [],
            c.ctx.clock.now(),
          ),
        );
        return scenario;
      },
    });
    await expect.poll(() => page.getByTestId('status-audio-actions').textContent()).toBe('Evolving 0%');
    const session = core.ctx.store.sessions.openSessionFor('audio-actions')?.id ?? '';
    const event = {
      skill: 'audio-actions',
      session,
      phase: 'breeding',
      done: 0,
      total: 400,
      etaSeconds: null,
    };
    bridge.push(eventNames.evolutionProgress, {
      ...event,
      fraction: 0,
      message: 'waiting: on battery',
      waitingFor: 'on battery',
    });
    await expect.poll(() => page.getByTestId('status-audio-actions').textContent()).toBe('Waiting');
    await expect
      .poll(() => page.getByTestId('evolution-audio-actions').textContent())
      .toContain('waiting: on battery');
    await page.screenshot({ path: join(screenshots, 'popover-waiting-light.png') });
    bridge.push(eventNames.evolutionProgress, {
      ...event,
      done: 40,
      fraction: 0.4,
      message: 'generation 12 of 30 · 40 calls',
      waitingFor: null,
    });
    await expect.poll(() => page.getByTestId('status-audio-actions').textContent()).toBe('Evolving 40%');
    expect(problems).toEqual([]);
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
    await expect.poll(() => prefs.page.getByRole('tab').count()).toBe(8);
    await prefs.page.screenshot({ path: join(screenshots, 'preferences-dark.png') });
    expect([...popover.problems, ...prefs.problems]).toEqual([]);
  });
});
