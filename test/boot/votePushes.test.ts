import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createManualSession } from '../../src/core/evolution/abSession';
import { openCore } from '../../src/core/openCore';
import { seedTask } from '../main/seedPendingChoice';
import { bootHarness, query } from './bootHarness';
import type { StandInWindow } from './electronStandIn';

/** How often main asked the intake to re-sync its folder watchers (the real service, counted). */
const intakeSyncs = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/core/app/intakeService', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/app/intakeService')>();
  return {
    ...real,
    createIntakeService: (...args: Parameters<typeof real.createIntakeService>) => {
      const service = real.createIntakeService(...args);
      return {
        ...service,
        sync: () => {
          intakeSyncs.count++;
          return service.sync();
        },
      };
    },
  };
});

const harness = bootHarness();

/** The snapshots main pushed to a window so far. */
const pushes = (window: StandInWindow) =>
  window.webContents.sent.filter((e) => e.channel === 'state:changed').length;

/** Resolves once `window` has had no snapshot for `quietMs` (start-up jobs, the first publish…). */
async function settled(window: StandInWindow, quietMs = 1500): Promise<number> {
  let count = pushes(window);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    if (pushes(window) === count) return count;
    count = pushes(window);
  }
}

describe('the booted main process', () => {
  it('pushes exactly one snapshot for a vote from the popover', async () => {
    const home = harness.home();
    const dataDir = join(home, 'data');
    const core = openCore({ dataDir });
    const { session } = createManualSession(core.ctx, 'file-naming', ['Name this file: {{input}}']);
    seedTask(core.ctx, session.id, { original: 'acme-invoice.pdf', A: 'invoice-acme-2024.pdf' });
    core.close();

    const app = await harness.launch(home, dataDir);
    app.standIn.tray().click();
    const { window, page } = await app.popover();
    const option = page.getByRole('button', { name: /^Option \d: invoice-acme-2024\.pdf/ });
    await option.waitFor();
    const before = await settled(window);
    const syncs = intakeSyncs.count;

    await option.click();
    await expect
      .poll(() => query(dataDir, 'SELECT 1 FROM ab_votes WHERE session = ?', session.id).length)
      .toBe(1);
    expect((await settled(window)) - before).toBe(1);
    // A vote changes nothing the folder watchers read.
    expect(intakeSyncs.count).toBe(syncs);
    expect(app.logs).toEqual([]);
    expect(app.standIn.problems).toEqual([]);
    await app.quit();
  });

  it('pushes exactly one snapshot, and re-syncs no folder watcher, for a settings save that does not touch them', async () => {
    const home = harness.home();
    const dataDir = join(home, 'data');
    const app = await harness.launch(home, dataDir);
    app.standIn.tray().click();
    const { window } = await app.popover();
    await settled(window);

    app.standIn.tray().choose('Preferences…');
    const preferencesWindow = app.standIn.windows.find((w) => w.appUrl?.endsWith('/preferences.html'));
    if (!preferencesWindow) throw new Error('Preferences did not open');
    const preferences = await preferencesWindow.page;
    const mainsPower = preferences.getByRole('switch', { name: 'Evolve only on mains power' });
    await mainsPower.waitFor();
    const before = await settled(window);
    const syncs = intakeSyncs.count;

    await mainsPower.click();
    await expect.poll(() => preferences.getByTestId('save-state').textContent()).toBe('Saved');
    expect(readFileSync(join(dataDir, 'config.yaml'), 'utf8')).toContain('require_mains_power: false');
    expect((await settled(window)) - before).toBe(1);
    expect(intakeSyncs.count).toBe(syncs);
    expect(app.logs).toEqual([]);
    expect(app.standIn.problems).toEqual([]);
    await app.quit();
  });
});
