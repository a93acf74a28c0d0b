import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/clock';
import { T0 } from '../support/openTestCore';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';
import { pageHarness, screenshots, type TestCore } from './pageHarness';
import { seedSuggestions } from './seedSuggestions';

const harness = pageHarness();
const end = new Date(T0.getTime() + 2 * DAY_MS);
/** Display only: these paths are shown as `~/…`; no test here renames anything under them. */
const withSuggestions = (core: TestCore) => seedSuggestions(core.ctx, core.clock, end, homedir());
const tall = { width: 360, height: 660 };

describe('suggestions in the popover', () => {
  it('shows the newest expanded, the others as rows, a count and the recent renames', async () => {
    const { page, scenario, problems } = await harness.launch('index.html', {
      seed: withSuggestions,
      size: tall,
    });
    await expect.poll(() => page.getByTestId('waiting-count').textContent()).toBe('5 waiting');
    expect(await page.getByTestId('proposed-name').textContent()).toBe('invoice-acme-2231-july-2025.pdf');
    // The user's own earlier correction that the proposal was shown, as the core describes it.
    expect(
      await page.getByTestId(`suggestion-${scenario.rename}`).getByTestId('shaped-by').textContent(),
    ).toBe('Named like invoice-acme-2230-june-2025.pdf, which you chose on 3 Mar.');
    expect(await page.locator('.suggestion-row').count()).toBe(4);
    expect(await page.getByTestId(`rename-${scenario.renamed}`).textContent()).toMatch(
      /^lease-agreement-rossi-oak-street\.docx\s*was Document \(3\)\.docx · 20 min ago\s*Undo$/,
    );
    await page.screenshot({ path: join(screenshots, 'popover-suggestions-light.png') });

    await page.getByTestId(`suggestion-row-${scenario.memo}`).click();
    await expect.poll(() => page.getByTestId(`suggestion-${scenario.memo}`).count()).toBe(1);
    expect(await page.getByTestId(`suggestion-${scenario.rename}`).count()).toBe(0);
    expect(await page.getByTestId(`suggestion-row-${scenario.rename}`).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('saves only the ticked actions of a voice memo, and says nothing runs', async () => {
    const { page, core, scenario, problems } = await harness.launch('index.html', {
      seed: withSuggestions,
      size: tall,
    });
    await page.getByTestId(`suggestion-row-${scenario.memo}`).click();
    const card = page.getByTestId(`suggestion-${scenario.memo}`);
    await expect.poll(() => card.getByRole('checkbox').count()).toBe(3);
    for (const box of await card.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(true);
    expect(await card.textContent()).toMatch(/Nothing runs automatically/);
    expect(await card.getByRole('checkbox', { name: /Calendar event.*Dentist/ }).count()).toBe(1);

    await card.getByRole('checkbox', { name: /Dentist/ }).uncheck();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => core.ctx.store.suggestions.get(scenario.memo)?.status).toBe('answered');
    expect(core.ctx.store.suggestions.get(scenario.memo)?.answer).toEqual({
      kind: 'actions',
      accepted: [0, 2],
    });
    const feedback = core.ctx.store.tasks.feedbackFor(scenario.memo);
    expect(feedback).toMatchObject({
      verdict: 'corrected',
      correction: {
        actions: [
          { details: 'Call Anna about the lease' },
          { details: 'Send the signed contract to Oak Street' },
        ],
      },
    });
    await expect.poll(() => page.getByTestId(`suggestion-${scenario.memo}`).count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toBe('Thanks — your changes are noted.');
    expect(problems).toEqual([]);
  });

  it('records thumbs up and down on change summaries', async () => {
    const { page, core, scenario, problems } = await harness.launch('index.html', {
      seed: withSuggestions,
      size: tall,
    });
    await page.getByTestId(`suggestion-row-${scenario.roadmap}`).click();
    const roadmap = page.getByTestId(`suggestion-${scenario.roadmap}`);
    await expect.poll(() => roadmap.locator('.change-list li').count()).toBe(3);
    await roadmap.getByRole('button', { name: 'Good summary' }).click();
    await expect.poll(() => core.ctx.store.tasks.feedbackFor(scenario.roadmap)?.verdict).toBe('accepted');

    await page.getByTestId(`suggestion-row-${scenario.journal}`).click();
    await page
      .getByTestId(`suggestion-${scenario.journal}`)
      .getByRole('button', { name: 'Bad summary' })
      .click();
    await expect.poll(() => core.ctx.store.tasks.feedbackFor(scenario.journal)?.verdict).toBe('rejected');
    await expect.poll(() => page.getByTestId('waiting-count').textContent()).toBe('3 waiting');
    expect(problems).toEqual([]);
  });

  it('hides a suggestion on Not now until the snooze is over', async () => {
    const { page, core, bridge, scenario, problems } = await harness.launch('index.html', {
      seed: withSuggestions,
    });
    const card = page.getByTestId(`suggestion-${scenario.rename}`);
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(await page.getByTestId(`suggestion-row-${scenario.rename}`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('waiting-count').textContent()).toBe('4 waiting');
    expect(core.ctx.store.suggestions.get(scenario.rename)).toMatchObject({ status: 'pending' });
    expect(core.ctx.store.tasks.feedbackFor(scenario.rename)).toBeNull();

    core.clock.advance((core.ctx.config.notifications.snooze_minutes + 1) * 60_000);
    bridge.changed();
    await expect.poll(() => card.count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows main’s message when an answer fails, and keeps the card', async () => {
    const { page, core, scenario, problems } = await harness.launch('index.html', { seed: withSuggestions });
    const card = page.getByTestId(`suggestion-${scenario.rename}`);
    await expect.poll(() => card.count()).toBe(1);
    // Answered elsewhere (the CLI, a notification) after the page last heard from main.
    core.ctx.store.write(() =>
      core.ctx.store.suggestions.markAnswered(scenario.rename, { kind: 'reject' }, core.clock.now()),
    );
    await card.getByRole('button', { name: 'Keep name' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('this suggestion was answered already');
    expect(await card.count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('asks the A/B question instead of the proposal, and shows the proposal after Skip', async () => {
    const { page, core, scenario, problems } = await harness.launch('index.html', {
      seed: withSuggestions,
      size: tall,
    });
    await page.getByTestId(`suggestion-row-${scenario.choice}`).click();
    const question = page.getByRole('heading', { name: 'Which file name is better?' });
    await expect.poll(() => question.count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Option \d:/ }).count()).toBe(3);

    await page.keyboard.press('Escape');
    await expect.poll(() => core.ctx.store.sessions.votesOf(scenario.session).length).toBe(1);
    expect(core.ctx.store.sessions.votesOf(scenario.session)[0]).toMatchObject({
      task: scenario.choice,
      chosen: null,
    });
    await expect.poll(() => question.count()).toBe(0);
    const card = page.getByTestId(`suggestion-${scenario.choice}`);
    expect(await card.getByTestId('proposed-name').textContent()).toBe('photo-iphone-june-2025.jpg');
    expect(core.ctx.store.suggestions.get(scenario.choice)?.status).toBe('pending');
    expect(problems).toEqual([]);
  });

  it('shows the intake queue while it works', async () => {
    const { page, bridge, problems } = await harness.launch('index.html', { seed: withSuggestions });
    const bar = page.getByTestId('intake');
    const progress = {
      running: true,
      done: 2,
      failed: 0,
      total: 50,
      current: 'scan0099.pdf',
      verb: 'Naming',
      problem: null,
    };
    // The page subscribes once it has loaded; until then a push is lost, so push until it shows.
    await expect
      .poll(() => {
        bridge.push('intake:progress', progress);
        return bar.count();
      })
      .toBe(1);
    expect(await bar.textContent()).toBe('Naming 3 of 50 files…scan0099.pdf');
    expect(await bar.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
    // Failed files are part of `done`: 5 finished of which 2 failed, the 6th running.
    bridge.push('intake:progress', { ...progress, done: 5, failed: 2, current: 'scan0104.pdf' });
    await expect.poll(() => bar.textContent()).toBe('Naming 6 of 50 files…scan0104.pdf2 failed');
    expect(await bar.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('5');
    // After the burst, the last failure stays until a later file works.
    const problem = 'scan0107.pdf: model smollm2-360m-instruct-q4_k_m is not downloaded yet';
    bridge.push('intake:progress', {
      ...progress,
      running: false,
      done: 0,
      total: 0,
      current: null,
      problem,
    });
    await expect.poll(() => bar.textContent()).toBe(`Could not process ${problem}`);
    expect(await bar.getByRole('progressbar').count()).toBe(0);
    bridge.push('intake:progress', { ...progress, running: false, done: 50, current: null });
    await expect.poll(() => bar.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('follows the dark appearance', async () => {
    const { page, problems } = await harness.launch('index.html', {
      seed: withSuggestions,
      size: tall,
      dark: true,
    });
    await expect.poll(() => page.getByTestId('proposed-name').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'popover-suggestions-dark.png') });
    expect(problems).toEqual([]);
  });
});

describe('renaming real files from the popover', () => {
  /** Two files in a real folder, each with a rename proposal; `notes.txt` is the newest. */
  const twoFiles = (core: TestCore, dataDir: string) => {
    const folder = join(dataDir, 'inbox');
    mkdirSync(folder);
    const scan = join(folder, 'scan0042.pdf');
    const notes = join(folder, 'notes.txt');
    writeFileSync(scan, 'INVOICE 2231');
    writeFileSync(notes, 'Meeting notes');
    const first = seedSuggestion(core.ctx, {
      skill: 'file-naming',
      path: scan,
      outputs: { original: namingOutput('invoice-acme-2231') },
    });
    core.clock.advance(60_000);
    const second = seedSuggestion(core.ctx, {
      skill: 'file-naming',
      path: notes,
      outputs: { original: namingOutput('meeting-notes-march') },
    });
    return { folder, scan, notes, first, second };
  };

  it('renames on Return, renames to a typed name, and undoes a rename', async () => {
    const { page, core, scenario: s, problems } = await harness.launch('index.html', { seed: twoFiles });
    await expect.poll(() => page.getByTestId('proposed-name').textContent()).toBe('meeting-notes-march.txt');
    await page.keyboard.press('Enter');
    await expect.poll(() => existsSync(join(s.folder, 'meeting-notes-march.txt'))).toBe(true);
    expect(existsSync(s.notes)).toBe(false);
    expect(core.ctx.store.tasks.feedbackFor(s.second)?.verdict).toBe('accepted');
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toBe('Renamed to meeting-notes-march.txt.');

    // Edit…: the field starts with the proposal; typing there is typing, and Esc only cancels the edit.
    const card = page.getByTestId(`suggestion-${s.first}`);
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Edit…' }).click();
    const field = card.getByRole('textbox', { name: 'New file name' });
    expect(await field.inputValue()).toBe('invoice-acme-2231.pdf');
    await field.press('Escape');
    await expect.poll(() => field.count()).toBe(0);
    expect(core.ctx.store.suggestions.get(s.first)?.status).toBe('pending');

    await card.getByRole('button', { name: 'Edit…' }).click();
    await field.fill('acme 2231 invoice.pdf');
    await field.press('Enter');
    await expect.poll(() => existsSync(join(s.folder, 'acme 2231 invoice.pdf'))).toBe(true);
    expect(core.ctx.store.tasks.feedbackFor(s.first)).toMatchObject({
      verdict: 'corrected',
      correction: { filename: 'acme 2231 invoice.pdf' },
    });

    await page.getByRole('button', { name: 'Undo renaming notes.txt to meeting-notes-march.txt' }).click();
    await expect.poll(() => existsSync(s.notes)).toBe(true);
    expect(existsSync(join(s.folder, 'meeting-notes-march.txt'))).toBe(false);
    expect(core.ctx.store.tasks.feedbackFor(s.second)?.verdict).toBe('rejected');
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toBe('meeting-notes-march.txt is notes.txt again.');
    expect(problems).toEqual([]);
  });
});
