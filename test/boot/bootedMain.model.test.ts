import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/openCore';
import { type FileServer, serveFile } from '../core/llm/serveFile';
import { screenshots } from '../e2e/pageHarness';
import { createOneVariantSession, runTinyarms } from '../support/runTinyarms';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';
import { TEST_MODEL_ID, testModelEntry, testModelPath } from '../support/testModel';
import { bootHarness, query } from './bootHarness';

// The production composition of src/main (bootMain, as src/main/index.ts calls it) on an Electron
// stand-in whose windows are headless Chromium pages running the built preload and renderer, over the
// real core, SQLite and the 135M model. One user's story from an empty data folder to a relaunch.

/** On a loaded 2-core machine a model call has taken minutes; the flow itself takes seconds. */
const WAIT_MS = 10 * 60_000;
const poll = { timeout: WAIT_MS };

const harness = bootHarness();
let server: FileServer;

beforeAll(async () => {
  // Hugging Face, standing in: the test model's file, slowly enough to watch the progress.
  server = await serveFile(await testModelPath(), { throttleFirstMs: 4 });
});

afterAll(async () => {
  await server?.close();
});

describe('the real main process, booted on an Electron stand-in', () => {
  it(
    'first launch → model download → watched folder → suggestion, rename, undo → A/B choice from a notification → promotion → relaunch',
    async () => {
      const home = harness.home();
      const dataDir = join(home, 'data');
      const inbox = join(home, 'Inbox');
      mkdirSync(dataDir, { recursive: true });
      mkdirSync(inbox);
      // An empty data folder but for the model choice (the test model) and no quiet hours, so the
      // notification does not depend on the hour the test runs at.
      writeFileSync(
        join(dataDir, 'config.yaml'),
        `model:\n  name: ${TEST_MODEL_ID}\n  threads: 2\nnotifications:\n  quiet_hours: null\n  max_per_skill_per_day: 100\n`,
      );

      // First launch: a tray icon, no window until it is clicked.
      const first = await harness.launch(home, dataDir, { HF_ENDPOINT: server.url });
      const tray = first.standIn.tray();
      expect(tray.image.path).toMatch(/trayTemplate\.png$/);
      expect(tray.image.template).toBe(true);
      expect(first.standIn.windows).toHaveLength(0);
      tray.click();
      const { window, page } = await first.popover();
      expect(window.isVisible()).toBe(true);
      // The secure web preferences main really passed, and its position under the tray icon.
      expect(window.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: harness.preload(),
      });
      const card = page.getByTestId('model-download');
      await expect.poll(() => card.getAttribute('data-state'), poll).toBe('missing');
      await page.screenshot({ path: join(screenshots, 'boot-first-launch.png') });

      // The model download, with progress pushed by main.
      await page.getByRole('button', { name: 'Download model' }).click();
      await expect
        .poll(() => card.getByRole('status').textContent(), poll)
        .toMatch(/[\d.]+ MB of [\d.]+ MB · [\d.]+ MB\/s/);
      await page.screenshot({ path: join(screenshots, 'boot-model-download.png') });
      await expect.poll(() => card.count(), poll).toBe(0);
      expect(existsSync(join(dataDir, 'models', testModelEntry().file))).toBe(true);
      expect(
        window.webContents.sent.filter((event) => event.channel === 'model:download-progress').length,
      ).toBeGreaterThan(1);

      // Preferences from the tray menu: add the inbox as a watched folder with the folder picker.
      tray.choose('Preferences…');
      const preferencesWindow = first.standIn.windows.find((w) => w.appUrl?.endsWith('/preferences.html'));
      if (!preferencesWindow) throw new Error('Preferences did not open');
      const preferences = await preferencesWindow.page;
      first.standIn.dialogAnswers.push(inbox);
      await preferences.getByRole('tab', { name: 'Sources' }).click();
      await preferences.getByRole('button', { name: 'Add Folder…' }).click();
      await expect.poll(() => readFileSync(join(dataDir, 'config.yaml'), 'utf8'), poll).toContain(inbox);
      expect(first.standIn.dialogs[0]?.properties).toContain('openDirectory');

      // A file dropped in the inbox once the app watches it (what is there when a folder is added is
      // left alone): the model proposes a name, shown in the popover.
      await expect
        .poll(
          () => query(dataDir, 'SELECT 1 FROM settings WHERE key = ?', `watch.seen_at:${inbox}`).length,
          poll,
        )
        .toBe(1);
      writeFileSync(
        join(inbox, 'scan0042.txt'),
        'INVOICE #2231 from Acme Corp, July 2025. Total due: 1,240.00 EUR.',
      );
      // Polled with what main logged and the intake's last progress, so a failure says why.
      await expect
        .poll(
          () => ({
            suggestions: query(dataDir, 'SELECT task FROM suggestions').length,
            logs: [...first.logs],
            intake: window.webContents.sent.filter((event) => event.channel === 'intake:progress').at(-1)
              ?.payload,
          }),
          { timeout: Number(process.env.BOOT_WAIT_MS ?? WAIT_MS) },
        )
        .toMatchObject({ suggestions: 1, logs: [] });
      const [{ task }] = query<{ task: string }>(dataDir, 'SELECT task FROM suggestions') as [
        { task: string },
      ];
      const suggestionCard = page.getByTestId(`suggestion-${task}`);
      const proposed =
        (await suggestionCard.getByTestId('proposed-name').textContent({ timeout: WAIT_MS })) ?? '';
      expect(proposed).toMatch(/\.txt$/);
      // Announced as a notification too (macOS: with buttons); answering in the popover withdraws it.
      await expect.poll(() => first.standIn.notifications.length, poll).toBeGreaterThan(0);
      await suggestionCard.getByRole('button', { name: 'Rename', exact: true }).click();
      await expect.poll(() => existsSync(join(inbox, proposed)), poll).toBe(true);
      expect(existsSync(join(inbox, 'scan0042.txt'))).toBe(false);
      await expect.poll(() => first.standIn.notifications[0]?.closed, poll).toBe(true);
      await page.getByRole('button', { name: `Undo renaming scan0042.txt to ${proposed}` }).click();
      await expect.poll(() => existsSync(join(inbox, 'scan0042.txt')), poll).toBe(true);
      expect(existsSync(join(inbox, proposed))).toBe(false);

      // An A/B test started from the CLI while the app runs; a suggestion with two different names
      // (seeded, as the model may propose the same name for both arms); answered from the notification.
      const { session } = createOneVariantSession(home);
      const contract = join(inbox, 'Document (3).txt');
      writeFileSync(contract, 'Lease agreement between M. Rossi and Oak Street Properties, March 2026.');
      const writer = openCore({ dataDir });
      const abTask = seedSuggestion(writer.ctx, {
        skill: 'file-naming',
        path: contract,
        session,
        outputs: {
          original: namingOutput('lease-agreement-2026.txt'),
          A: namingOutput('rossi-oak-street-lease-march-2026.txt'),
        },
      });
      writer.close();
      await expect
        .poll(() => first.standIn.notifications.filter((n) => n.shown && !n.closed).length, poll)
        .toBe(1);
      const ask = first.standIn.notifications.at(-1);
      if (!ask) throw new Error('no notification');
      const actions = (ask.options.actions ?? []).map((action) => action.text);
      const pick = actions.findIndex((text) => text?.includes('rossi-oak-street'));
      expect(pick).toBeGreaterThanOrEqual(0);
      ask.act(pick);
      await expect
        .poll(() => existsSync(join(inbox, 'rossi-oak-street-lease-march-2026.txt')), poll)
        .toBe(true);
      expect(
        query(dataDir, 'SELECT 1 FROM ab_votes WHERE session = ? AND task = ?', session, abTask),
      ).toHaveLength(1);

      // The rest of the test from the CLI: A wins every comparison and is promoted at the 15th vote.
      for (let vote = 2; vote <= 15; vote++) {
        const result = runTinyarms([
          '--data-dir',
          dataDir,
          'vote',
          session,
          '--shown',
          'original,A',
          '--chosen',
          'A',
        ]);
        expect(result.code, result.stderr).toBe(0);
      }
      await expect
        .poll(() => page.getByTestId('status-file-naming').locator('..').textContent(), poll)
        .toMatch(/v2/);
      expect(first.logs).toEqual([]);
      expect(first.standIn.problems).toEqual([]);
      await first.quit();

      // Relaunch: the model is there, v2 is active, the renames and votes are as they were.
      const second = await harness.launch(home, dataDir, { HF_ENDPOINT: server.url });
      second.standIn.tray().click();
      const again = await second.popover();
      await expect
        .poll(() => again.page.getByTestId('status-file-naming').locator('..').textContent(), poll)
        .toMatch(/v2/);
      expect(await again.page.getByTestId('model-download').count()).toBe(0);
      expect(query(dataDir, 'SELECT count(*) AS n FROM ab_votes WHERE session = ?', session)).toEqual([
        { n: 15 },
      ]);
      expect(query(dataDir, 'SELECT verdict FROM feedback WHERE task = ?', task)).toEqual([
        { verdict: 'rejected' },
      ]);
      expect(existsSync(join(inbox, 'scan0042.txt'))).toBe(true);
      expect(second.logs).toEqual([]);
      expect(second.standIn.problems).toEqual([]);
      await second.quit();
    },
    30 * 60_000,
  );
});
