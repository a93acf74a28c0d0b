import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageHarness, screenshots } from './pageHarness';

const harness = pageHarness();

describe('Sources in Preferences', () => {
  const picked = mkdtempSync(join(tmpdir(), 'tinyarms-picked-'));
  afterAll(() => rmSync(picked, { recursive: true, force: true }));

  it('adds folders with the system picker and presets, removes them, and explains what is read', async () => {
    const asked: string[] = [];
    let answer: string | null = picked;
    const { page, ref, problems } = await harness.launch('preferences.html', {
      seed: () => null,
      size: { width: 680, height: 560 },
      services: () => ({
        pickPath: async (purpose) => {
          asked.push(purpose);
          return answer;
        },
      }),
    });
    await page.getByRole('tab', { name: 'Sources' }).click();
    const folders = page.getByRole('list', { name: 'Name new files in' }).locator('.mono');
    const watched = () => ref.ctx.config.watchers.folders;

    await page.getByRole('button', { name: 'Add Folder…' }).click();
    await expect.poll(watched).toEqual([picked]);
    expect(await folders.allTextContents()).toEqual([picked]);
    await page.getByRole('button', { name: 'Add Folder…' }).click();
    await expect.poll(() => asked.length).toBe(2);
    answer = null;
    await page.getByRole('button', { name: 'Add Folder…' }).click();
    await expect.poll(() => asked.length).toBe(3);
    expect(await folders.allTextContents()).toEqual([picked]);

    await page.getByRole('button', { name: 'Add Downloads' }).click();
    await expect.poll(watched).toEqual([picked, '~/Downloads']);
    expect(await page.getByRole('button', { name: 'Add Downloads' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add Desktop' }).count()).toBe(1);

    answer = picked;
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => ref.ctx.config.watchers.transcripts_folder).toBe(picked);
    answer = join(picked, 'roadmap.md');
    await page.getByRole('button', { name: 'Add File…' }).click();
    await expect.poll(() => ref.ctx.config.watchers.markdown_files).toEqual([answer]);
    expect(asked.slice(3)).toEqual(['transcripts-folder', 'markdown-file']);
    expect(asked.slice(0, 3)).toEqual(['watch-folder', 'watch-folder', 'watch-folder']);
    expect(await page.getByTestId('group-note').textContent()).toMatch(
      /only file names, sizes and dates, and the first 4 KB of text files/,
    );
    await page.screenshot({ path: join(screenshots, 'preferences-sources-light.png') });

    await page.getByRole('button', { name: `Remove ${picked}`, exact: true }).click();
    await expect.poll(watched).toEqual(['~/Downloads']);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => ref.ctx.config.watchers.transcripts_folder).toBeNull();
    expect(problems).toEqual([]);
  });

  it('checks quiet hours with the schema and saves them, or none', async () => {
    const { page, ref, problems } = await harness.launch('preferences.html', {
      seed: () => null,
      size: { width: 680, height: 560 },
    });
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const quiet = page.getByLabel('Quiet hours');
    await quiet.fill('22-8');
    await quiet.press('Tab');
    // The wording is the config schema's; the form only shows it.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/^must be /);
    expect(await quiet.getAttribute('aria-invalid')).toBe('true');
    expect(ref.ctx.config.notifications.quiet_hours).toBe('22:00-08:00');
    await quiet.fill('23:30-07:00');
    await quiet.press('Enter');
    await expect.poll(() => ref.ctx.config.notifications.quiet_hours).toBe('23:30-07:00');
    await quiet.fill('');
    await quiet.press('Enter');
    await expect.poll(() => ref.ctx.config.notifications.quiet_hours).toBeNull();
    expect(problems).toEqual([]);
  });
});
