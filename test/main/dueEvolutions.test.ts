import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMonitor } from '../../src/core/evolution/runMonitor';
import { breederRepository } from '../../src/core/store/breederRepository';
import { createDueEvolutions, type EvolutionProgressView } from '../../src/main/dueEvolutions';
import { scriptedModel } from '../core/breeder/scriptedModel';
import { loadEvalCases, seedFileNamingFeedback } from '../core/breeder/seedFileNamingFeedback';
import { openTestCore } from '../support/openTestCore';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

describe('due evolutions in the app and the machine', () => {
  it('says in the progress why a due run waits, refuses Evolve Now meanwhile, and breeds once plugged in', async () => {
    const dir = newDir();
    writeFileSync(
      join(dir, 'config.yaml'),
      'breeder: { population: 6, generations: 4, evaluation_samples: 4, final_evaluation_samples: 8, max_calls: 200 }\n',
    );
    const core = openTestCore(dir);
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 22));
    const reading = { onBattery: true, idleSeconds: 3600 };
    const progress: EvolutionProgressView[] = [];
    const errors: string[] = [];
    const refusals: string[] = [];
    const evolutions = createDueEvolutions({
      core: () => core.ctx,
      model: () => scriptedModel(),
      onProgress: (p) => progress.push(p),
      onError: (message) => errors.push(message),
      machine: { onBattery: () => reading.onBattery, idleSeconds: () => reading.idleSeconds },
      sleep: async () => {
        await evolutions.startNow('audio-actions').catch((error: Error) => refusals.push(error.message));
        reading.onBattery = false;
      },
    });
    evolutions.onReport(runMonitor(core.ctx));
    await evolutions.running();

    expect(errors).toEqual([]);
    const [first, ...rest] = progress;
    expect(first).toMatchObject({
      skill: 'file-naming',
      phase: 'breeding',
      done: 0,
      fraction: 0,
      etaSeconds: null,
      message: 'waiting: on battery',
      waitingFor: 'on battery',
    });
    expect(refusals).toEqual([
      "file-naming's evolution is waiting (on battery); stop it first to evolve this one now",
    ]);
    expect(rest.length).toBeGreaterThan(0);
    expect(
      rest.every(
        (p) => p.session === first?.session && p.waitingFor === null && !p.message?.startsWith('waiting'),
      ),
    ).toBe(true);
    expect(core.ctx.store.sessions.getSession(first?.session ?? '')?.status).toBe('testing');
    core.close();
  });
});

describe('runs left breeding when the app quit', () => {
  it('go on at start, from their stored population, once the machine allows', async () => {
    const dir = newDir();
    writeFileSync(
      join(dir, 'config.yaml'),
      'breeder: { population: 6, generations: 4, evaluation_samples: 4, final_evaluation_samples: 8, max_calls: 200 }\n',
    );
    const core = openTestCore(dir);
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 22));
    const reading = { onBattery: false, idleSeconds: 3600 };
    const machine = { onBattery: () => reading.onBattery, idleSeconds: () => reading.idleSeconds };
    // The app before it quit: unplugged at generation 2, then quit while waiting.
    const before = createDueEvolutions({
      core: () => core.ctx,
      model: () => scriptedModel(),
      machine,
      onProgress: (p) => {
        if (p.message?.startsWith('generation 2 of')) reading.onBattery = true;
      },
      sleep: async () => {
        throw new Error('quit');
      },
    });
    before.onReport(runMonitor(core.ctx));
    await before.running();
    const [session] = core.ctx.store.sessions.sessionsInStatus('breeding');
    expect(session?.progress).toBeGreaterThan(0);

    reading.onBattery = false;
    const model = scriptedModel();
    const after = createDueEvolutions({ core: () => core.ctx, model: () => model, machine });
    after.resumeInterrupted();
    await after.running();
    expect(core.ctx.store.sessions.getSession(session?.id ?? '')?.status).toBe('testing');
    // All 4 generations bred: the last one's population is stored.
    expect(breederRepository(core.ctx.store.db).latestPopulation(session?.id ?? '')?.generation).toBe(4);
    core.close();
  });
});
