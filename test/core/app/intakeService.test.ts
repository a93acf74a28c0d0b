import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreRef } from '../../../src/core/app/coreRef';
import { createIntakeService } from '../../../src/core/app/intakeService';
import { systemClock } from '../../../src/core/clock';
import { openLanguageModel } from '../../../src/core/llm/openLanguageModel';
import { openCore } from '../../../src/core/openCore';
import type { IntakeProgressView } from '../../../src/shared/ipc/suggestionSchemas';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

/**
 * A data folder watching one folder, and intakes over it on the real model adapter: the default model
 * is not downloaded there, so every file the intake takes ends in the "model pull" error, which is
 * what these tests count.
 */
function world(beforeOpen?: (folder: string) => Promise<void>) {
  const dataDir = newDir();
  const folder = newDir();
  writeFileSync(join(dataDir, 'config.yaml'), `watchers:\n  folders: ['${folder}']\n`);
  return (async () => {
    await beforeOpen?.(folder);
    const opened = openCore({ dataDir, clock: systemClock });
    const core: CoreRef = { ctx: opened.ctx, configError: opened.configError };
    const intake = (errors: string[], owner?: string, views?: IntakeProgressView[]) =>
      createIntakeService({
        core,
        ...(owner === undefined ? {} : { owner }),
        onProgress: (view) => views?.push(view),
        model: () => openLanguageModel({ config: core.ctx.config, dataDir }),
        stabilityMs: 100,
        onError: (message) => errors.push(message),
      });
    return { folder, core, intake, close: opened.close };
  })();
}

describe('the intake without a downloaded model', () => {
  it('reports each new file once with the pull hint, however often the settings are re-synced', async () => {
    const { folder, core, intake: intakeOf, close } = await world();
    const errors: string[] = [];
    const views: IntakeProgressView[] = [];
    const intake = intakeOf(errors, undefined, views);
    try {
      // Overlapping syncs after the watched folder changed must leave exactly one watcher, on the new one.
      await intake.sync();
      const moved = newDir();
      core.ctx = {
        ...core.ctx,
        config: { ...core.ctx.config, watchers: { ...core.ctx.config.watchers, folders: [moved] } },
      };
      await Promise.all([intake.sync(), intake.sync(), intake.sync()]);
      writeFileSync(join(folder, 'left-behind.pdf'), '%PDF');
      writeFileSync(join(moved, 'scan001.pdf'), '%PDF');
      await expect.poll(() => errors.length).toBe(1);
      await intake.idle();
      writeFileSync(join(moved, 'scan002.pdf'), '%PDF');
      await expect.poll(() => errors.length).toBe(2);
      await intake.idle();
      expect(errors).toEqual([
        expect.stringMatching(
          /^scan001\.pdf: model smollm2-360m-instruct-q4_k_m is not downloaded yet .*tinyarms model pull/,
        ),
        expect.stringMatching(/^scan002\.pdf: model smollm2-360m-instruct-q4_k_m is not downloaded yet/),
      ]);
      expect(core.ctx.store.db.prepare('SELECT COUNT(*) FROM tasks').pluck().get()).toBe(0);
      // The popover keeps saying why after the burst: the last failure, until a file works.
      expect(intake.progress()).toMatchObject({ running: false, problem: errors[1] });
      // While a file runs, the bar's verb is its skill's (file naming: "Naming").
      expect(views).toContainEqual(
        expect.objectContaining({ running: true, current: 'scan002.pdf', verb: 'Naming' }),
      );
      expect(views.filter((view) => view.current === null).every((view) => view.verb === null)).toBe(true);
    } finally {
      await intake.close();
      close();
    }
  });

  it('one watcher per data folder: a second owner waits while the first watches, and takes over when it stops', async () => {
    const { folder, core, intake, close } = await world();
    const errors = { app: [] as string[], cli: [] as string[] };
    const intakeOf = (owner: 'app' | 'cli') => intake(errors[owner], owner);
    const app = intakeOf('app');
    const cli = intakeOf('cli');
    try {
      await app.sync();
      // Syncing again while holding the lease writes nothing: in the app a sync follows every database
      // change, and a write would wake the change watcher into a loop.
      const lease = () =>
        core.ctx.store.db.prepare("SELECT value, updated_at FROM settings WHERE key = 'intake.lease'").get();
      const held = lease();
      await app.sync();
      await app.sync();
      expect(lease()).toEqual(held);
      await cli.sync();
      expect(errors.cli).toEqual(['app is watching these folders already; this one waits until it stops']);
      writeFileSync(join(folder, 'one.pdf'), '%PDF');
      await expect.poll(() => errors.app.length).toBe(1);
      await app.close();
      await cli.sync();
      writeFileSync(join(folder, 'two.pdf'), '%PDF');
      await expect.poll(() => errors.cli.length).toBe(2);
      expect(errors.app).toEqual([expect.stringMatching(/^one\.pdf: /)]);
      expect(errors.cli[1]).toMatch(/^two\.pdf: /);
    } finally {
      await app.close();
      await cli.close();
      close();
    }
  });

  it('catches up on files that arrived while it was not running, but not on files it had seen', async () => {
    const { folder, intake, close } = await world(async (watched) => {
      writeFileSync(join(watched, 'there-before.pdf'), '%PDF');
      // A file that settled before the watcher first looked (further back than the coarse-time margin).
      await new Promise((resolve) => setTimeout(resolve, 150));
    });
    const run = () => {
      const errors: string[] = [];
      return { intake: intake(errors), errors };
    };
    try {
      const first = run();
      await first.intake.sync();
      await first.intake.close();
      writeFileSync(join(folder, 'while-quit.pdf'), '%PDF');
      const second = run();
      await second.intake.sync();
      await expect.poll(() => second.errors.length).toBe(1);
      await second.intake.idle();
      expect(second.errors[0]).toMatch(/^while-quit\.pdf: /);
      await second.intake.close();
      expect(first.errors).toEqual([]);
    } finally {
      close();
    }
  });
});
