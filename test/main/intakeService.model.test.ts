import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRef } from '../../src/core/app/coreRef';
import { createIntakeService, type IntakeService } from '../../src/core/app/intakeService';
import { systemClock } from '../../src/core/clock';
import type { LocalModel } from '../../src/core/llm/localModel';
import { openCore } from '../../src/core/openCore';
import { seededRng } from '../../src/core/rng';
import { isValidFilename } from '../../src/core/skills/fileNaming';
import { appJobs } from '../../src/main/appJobs';
import { createDueEvolutions } from '../../src/main/dueEvolutions';
import { dispatchIpc } from '../../src/main/ipc/dispatchIpc';
import { createIpcHandlers } from '../../src/main/ipc/ipcHandlers';
import { createScheduler } from '../../src/main/scheduler';
import { channelNames } from '../../src/shared/ipc/channelNames';
import type { StateSnapshot } from '../../src/shared/ipc/stateSnapshotSchema';
import type { IntakeProgressView } from '../../src/shared/ipc/suggestionSchemas';
import { runTinyarms } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testLanguageModel } from '../support/testModel';

const newDir = makeTempDataDirs();
const running: { intake: IntakeService; close(): void }[] = [];

afterEach(async () => {
  for (const item of running.splice(0)) {
    await item.intake.close();
    item.close();
  }
});

/**
 * The app's intake on a real data folder and a real watched folder, with the real model and the
 * system clock (the CLI checked against it reads the same instants).
 */
async function world(extraConfig = '', extraWatchers = '') {
  const dataDir = newDir();
  const folder = newDir();
  writeFileSync(
    join(dataDir, 'config.yaml'),
    `model:\n  threads: 2\n  context_size: 4096\nwatchers:\n  folders: ['${folder}']\n${extraWatchers}${extraConfig}`,
  );
  const opened = openCore({ dataDir, clock: systemClock, rng: seededRng(7) });
  const core: CoreRef = { ctx: opened.ctx, configError: opened.configError };
  expect(opened.configError).toBeNull();
  const model: LocalModel = await testLanguageModel();
  const progress: IntakeProgressView[] = [];
  const errors: string[] = [];
  const intake = createIntakeService({
    core,
    model: () => model,
    stabilityMs: 300,
    onProgress: (p) => progress.push(p),
    onError: (message) => errors.push(message),
  });
  running.push({ intake, close: opened.close });
  await intake.sync();
  const handlers = createIpcHandlers({ core, appVersion: 'test', intakeProgress: () => intake.progress() });
  const state = async () => {
    const answer = await dispatchIpc(handlers, channelNames.getState, undefined);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as StateSnapshot;
  };
  const taskCount = () => core.ctx.store.db.prepare('SELECT COUNT(*) FROM tasks').pluck().get() as number;
  return { dataDir, folder, core, model, intake, handlers, state, progress, errors, taskCount };
}

describe('the intake: watched folder → queue → model → suggestion', () => {
  it('a dropped file becomes a task and a proposal; accept renames it; partial downloads and our own rename are not taken for new files', async () => {
    const w = await world();
    writeFileSync(join(w.folder, 'movie.mp4.crdownload'), 'half a movie');
    writeFileSync(join(w.folder, '.hidden-note.txt'), 'secret');
    writeFileSync(
      join(w.folder, 'scan001.txt'),
      'INVOICE #2024-117\nAcme Garden Supplies\nDate: 14 July 2024\nTotal due: $1,240.00\n',
    );
    await expect.poll(() => w.taskCount(), { timeout: 120_000 }).toBe(1);
    await w.intake.idle();

    const [suggestion] = (await w.state()).suggestions;
    expect(suggestion?.file.name).toBe('scan001.txt');
    if (suggestion?.detail.skill !== 'file-naming') throw new Error('expected a file-naming suggestion');
    const proposed = suggestion.detail.to;
    expect(proposed).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.txt$/);
    expect(isValidFilename(proposed)).toBe(true);

    // The suggestion remembers the file it read, so the answer can tell if another one took its path.
    const scanned = statSync(join(w.folder, 'scan001.txt'), { bigint: true });
    expect(w.core.ctx.store.suggestions.get(suggestion.task)?.subjectIdentity).toMatchObject({
      ino: String(scanned.ino),
      size: String(scanned.size),
    });

    const bursts = w.progress.filter((p) => p.total > 0).length;
    const answer = await dispatchIpc(w.handlers, channelNames.answerSuggestion, {
      task: suggestion.task,
      answer: { kind: 'accept' },
    });
    expect(answer).toMatchObject({
      ok: true,
      value: { verdict: 'accepted', renamedTo: suggestion.detail.to },
    });
    expect(readdirSync(w.folder).filter((n) => !n.startsWith('.') && !n.endsWith('.crdownload'))).toEqual([
      suggestion.detail.to,
    ]);
    // The watcher does see the renamed file; the intake recognises its own rename and makes no task.
    await expect
      .poll(() => w.progress.slice(bursts).some((p) => p.current === proposed), {
        timeout: 30_000,
      })
      .toBe(true);
    await w.intake.idle();
    expect(w.taskCount()).toBe(1);
    expect(w.progress.some((p) => p.current?.includes('crdownload') || p.current?.startsWith('.'))).toBe(
      false,
    );
    expect(w.errors).toEqual([]);
  }, 300_000);

  it('a transcript in the drop folder gives action suggestions; each save of a watched Markdown file gives a change summary against the kept version', async () => {
    const notes = newDir();
    const roadmap = join(notes, 'roadmap.md');
    writeFileSync(roadmap, '# Roadmap\n\n## Q1\n\n- Ship the beta\n');
    const w = await world('', `  markdown_files: ['${roadmap}']\n`);

    writeFileSync(
      join(w.dataDir, 'transcripts', 'memo.txt'),
      'Remind me to call the dentist tomorrow at nine, and add printer paper to the shopping list.',
    );
    await expect.poll(() => w.taskCount(), { timeout: 300_000 }).toBe(1);
    await w.intake.idle();

    writeFileSync(
      roadmap,
      '# Roadmap\n\n## Q1\n\n- Ship the beta\n- Hire a designer\n\n## Q2\n\n- Launch in Europe\n',
    );
    await expect.poll(() => w.taskCount(), { timeout: 300_000 }).toBe(2);
    await w.intake.idle();
    expect(w.errors).toEqual([]);

    const tasks = w.core.ctx.store.db
      .prepare('SELECT id, skill, source, input FROM tasks ORDER BY rowid')
      .all() as { id: string; skill: string; source: string; input: string }[];
    expect(tasks.map((t) => [t.skill, t.source])).toEqual([
      ['audio-actions', 'watcher'],
      ['markdown-analysis', 'watcher'],
    ]);
    // The first save is compared with the file as it was when it was added, not with nothing.
    expect(JSON.parse(tasks[1]?.input ?? '{}')).toMatchObject({
      previous: '# Roadmap\n\n## Q1\n\n- Ship the beta\n',
      current: expect.stringContaining('Launch in Europe'),
    });
    const views = (await w.state()).suggestions;
    expect(views.map((v) => v.detail.skill).sort()).toEqual(['audio-actions', 'markdown-analysis']);

    // A save that changes nothing asks nothing.
    const bursts = w.progress.filter((p) => p.total > 0 && p.done === p.total).length;
    writeFileSync(roadmap, readFileSync(roadmap, 'utf8'));
    await expect
      .poll(() => w.progress.filter((p) => p.total > 0 && p.done === p.total).length, { timeout: 30_000 })
      .toBeGreaterThan(bursts);
    expect(w.taskCount()).toBe(2);
  }, 600_000);

  it('a burst of 50 files is processed in order while the app keeps answering; rejections move accuracy and the scheduled monitor starts an evolution', async () => {
    const w = await world(
      'triggers:\n  sample_size: 10\nbreeder:\n  population: 2\n  generations: 1\n  evaluation_samples: 2\n  final_evaluation_samples: 2\n  variants_per_evolution: 1\n  max_calls: 12\n',
    );
    const names = Array.from({ length: 50 }, (_, i) => `note-${String(i).padStart(2, '0')}.txt`);
    for (const [i, name] of names.entries()) {
      writeFileSync(join(w.folder, name), `Shopping list ${i}: apples, bread, item ${i * 7}.\n`);
    }

    // While the queue works through the burst, the app answers (state, settings) with its progress.
    await expect.poll(() => w.taskCount(), { timeout: 300_000 }).toBeGreaterThanOrEqual(3);
    const midway = await w.state();
    expect(midway.intake.running).toBe(true);
    expect(midway.intake.done).toBeLessThan(midway.intake.total);
    expect((await dispatchIpc(w.handlers, channelNames.getSettings, undefined)).ok).toBe(true);

    await expect.poll(() => w.taskCount(), { timeout: 900_000, interval: 2000 }).toBe(50);
    await w.intake.idle();
    expect(w.errors).toEqual([]);
    const order = w.core.ctx.store.db
      .prepare("SELECT json_extract(input, '$.originalName') FROM tasks ORDER BY rowid")
      .pluck()
      .all();
    expect(order).toEqual(names);
    expect(Math.max(...w.progress.map((p) => p.total))).toBe(50);
    expect(w.progress.some((p) => p.done === 50 && p.total === 50)).toBe(true);
    expect(w.intake.progress()).toMatchObject({ running: false, total: 0 });

    // Every file is a task and a suggestion: a proposal's stem has 15–40 characters, so it can never
    // be a note's own 7-character name.
    const pending = w.core.ctx.store.suggestions.pending(w.core.ctx.clock.now());
    expect(pending).toHaveLength(50);

    // The user keeps 3 names and turns the rest down: accuracy falls, visible in `tinyarms prompt stats`.
    for (const [i, suggestion] of pending.entries()) {
      const answer = await dispatchIpc(w.handlers, channelNames.answerSuggestion, {
        task: suggestion.task,
        answer: { kind: i < 3 ? 'accept' : 'reject' },
      });
      expect(answer.ok).toBe(true);
    }
    const stats = runTinyarms(['--data-dir', w.dataDir, '--json', 'prompt', 'stats', 'file-naming']);
    expect(stats.code).toBe(0);
    const printed = JSON.parse(stats.stdout) as {
      health: { accuracy: number; samples: number };
      trigger: { trigger: boolean };
    };
    expect(printed.health).toMatchObject({ accuracy: 3 / pending.length, samples: pending.length });
    expect(printed.trigger.trigger).toBe(true);

    // The scheduled monitor job sees the drop and starts breeding on the shared model.
    const evolutions = createDueEvolutions({ core: () => w.core.ctx, model: () => w.model });
    const scheduler = createScheduler({
      core: () => w.core.ctx,
      jobs: appJobs((report) => evolutions.onReport(report)),
      schedule: () => () => {},
    });
    await scheduler.check();
    await evolutions.running();
    const session = w.core.ctx.store.db
      .prepare("SELECT trigger, status FROM evolution_sessions WHERE skill = 'file-naming'")
      .get();
    expect(session).toMatchObject({ trigger: 'accuracy_drop' });
    expect(['testing', 'completed']).toContain((session as { status: string }).status);
  }, 1_200_000);
});
