import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EvolutionCancelledError,
  evolutionLeaseKey,
  evolveSkill,
} from '../../../src/core/evolution/evolveSkill';
import { type MachineGate, machineGate } from '../../../src/core/evolution/machineGate';
import { startDueEvolutions } from '../../../src/core/evolution/startDueEvolutions';
import type { OpenedCore } from '../../../src/core/openCore';
import { breederRepository } from '../../../src/core/store/breederRepository';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { scriptedModel } from '../breeder/scriptedModel';
import { loadEvalCases, seedFileNamingFeedback } from '../breeder/seedFileNamingFeedback';

const tempDir = makeTempDataDirs();
const SMALL =
  'breeder: { population: 6, generations: 8, evaluation_samples: 4, final_evaluation_samples: 8, max_calls: 200 }\n';

function seededCore(cases = 22, seed = 1) {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), SMALL);
  const core = openTestCore(dir, seed);
  seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, cases));
  return core;
}

/** The injected port: what the test sets is what the gate reads. */
function fakeMachine(reading: { onBattery: boolean; idleSeconds: number }) {
  return { reading, onBattery: () => reading.onBattery, idleSeconds: () => reading.idleSeconds };
}

function gateFor(core: OpenedCore, machine: ReturnType<typeof fakeMachine>, sleep?: MachineGate['sleep']) {
  return machineGate({ machine, settings: () => core.ctx.config.evolution, sleep });
}

/** What the database holds for the skill's one session, read while the run waits. */
function storedState(core: OpenedCore) {
  const session = core.ctx.store.sessions.sessionsFor('file-naming')[0];
  const repo = breederRepository(core.ctx.store.db);
  return {
    status: session?.status,
    generation: session ? repo.latestPopulation(session.id)?.generation : undefined,
    mutations: core.ctx.store.db.prepare('SELECT COUNT(*) FROM breeder_mutations').pluck().get(),
  };
}

describe('evolution that respects the machine', () => {
  it('a due evolution waits while on battery, without a model call, and starts once plugged in', async () => {
    const core = seededCore();
    const model = scriptedModel();
    const machine = fakeMachine({ onBattery: true, idleSeconds: 3600 });
    const looks: { calls: number; refusal: string }[] = [];
    const gate = gateFor(core, machine, async () => {
      // While it waits the session is held: a second process may not breed it meanwhile.
      const other = await evolveSkill(core.ctx, scriptedModel(), 'file-naming', {
        owner: 'tinyarms monitor',
      }).then(
        () => 'bred',
        (error: Error) => error.message,
      );
      looks.push({ calls: model.calls, refusal: other });
      if (looks.length === 2) machine.reading.onBattery = false;
    });
    const waited: string[] = [];
    const [outcome] = await startDueEvolutions(core.ctx, model, {
      gate,
      onWaiting: ({ reason }) => waited.push(reason),
    });
    expect(waited).toEqual(['on battery']);
    expect(looks.map((l) => l.calls)).toEqual([0, 0]);
    expect(looks[0]?.refusal).toMatch(/is being bred by process \d+/);
    expect(outcome?.result?.session.status).toBe('testing');
    expect(outcome?.result?.variants.length).toBeGreaterThan(0);
    const lease = evolutionLeaseKey(outcome?.result?.session.id ?? '');
    expect(core.ctx.store.db.prepare('SELECT COUNT(*) FROM settings WHERE key = ?').pluck().get(lease)).toBe(
      0,
    );
    core.close();
  });

  it('waits while the Mac is in use and starts after wait_for_idle_minutes without input', async () => {
    const core = seededCore();
    const model = scriptedModel();
    const machine = fakeMachine({ onBattery: false, idleSeconds: 20 });
    const callsWhileWaiting: number[] = [];
    const gate = gateFor(core, machine, async () => {
      callsWhileWaiting.push(model.calls);
      machine.reading.idleSeconds += 150;
    });
    const waited: string[] = [];
    const [outcome] = await startDueEvolutions(core.ctx, model, {
      gate,
      onWaiting: ({ reason }) => waited.push(reason),
    });
    // 20 s, 170 s, 320 s: the default 5 minutes are reached at the third look.
    expect(callsWhileWaiting).toEqual([0, 0]);
    expect(waited).toEqual(['Mac in use']);
    expect(outcome?.result?.session.status).toBe('testing');
    core.close();
  });

  it('a running breed pauses at a generation boundary when the user is back, keeps its population, and ends as an uninterrupted run does', async () => {
    const straight = seededCore(12, 5);
    const reference = await evolveSkill(straight.ctx, scriptedModel(), 'file-naming');
    const referenceMutations = storedState(straight).mutations;
    straight.close();

    const core = seededCore(12, 5);
    const model = scriptedModel();
    const machine = fakeMachine({ onBattery: false, idleSeconds: 3600 });
    let callsAtFlip = -1;
    const paused: (ReturnType<typeof storedState> & { calls: number })[] = [];
    const gate = gateFor(core, machine, async () => {
      paused.push({ ...storedState(core), calls: model.calls });
      machine.reading.idleSeconds = 3600;
    });
    const waited: string[] = [];
    const result = await evolveSkill(core.ctx, model, 'file-naming', {
      trigger: 'accuracy_drop',
      gate,
      onWaiting: ({ reason }) => waited.push(reason),
      onProgress: (p) => {
        if (p.phase === 'tournament' && p.generation === 3 && callsAtFlip < 0) {
          callsAtFlip = model.calls;
          machine.reading.idleSeconds = 2;
        }
      },
    });
    expect(waited).toEqual(['Mac in use']);
    // Paused before generation 4 began: generation 3's population stored, no call since.
    // Children are credited when a tournament first draws them: at most one per generation so far.
    expect(paused).toEqual([
      { status: 'breeding', generation: 3, mutations: expect.any(Number), calls: callsAtFlip },
    ]);
    expect(paused[0]?.mutations).toBeLessThanOrEqual(3);
    expect(result.resumed).toBe(true);
    expect(result.session.status).toBe('testing');
    expect(storedState(core).mutations).toBe(referenceMutations);
    expect(result.variants.map((v) => v.template)).toEqual(reference.variants.map((v) => v.template));
    core.close();
  });

  it('without waiting (--no-wait): nothing is opened on battery; a run unplugged mid-way stays breeding and the next call resumes it', async () => {
    const straight = seededCore();
    await startDueEvolutions(straight.ctx, scriptedModel(), {
      gate: gateFor(straight, fakeMachine({ onBattery: false, idleSeconds: 3600 })),
    });
    const referenceMutations = storedState(straight).mutations;
    straight.close();

    const core = seededCore();
    const machine = fakeMachine({ onBattery: true, idleSeconds: 3600 });
    const gate = gateFor(core, machine);
    const idle = scriptedModel();
    const first = await startDueEvolutions(core.ctx, idle, { gate });
    expect(first.map((o) => [o.skill, o.reason, o.waiting, o.error])).toEqual([
      ['file-naming', 'started', 'on battery', null],
    ]);
    expect(idle.calls).toBe(0);
    expect(core.ctx.store.sessions.sessionsFor('file-naming')).toEqual([]);

    machine.reading.onBattery = false;
    const second = await startDueEvolutions(core.ctx, scriptedModel(), {
      gate,
      onProgress: (p) => {
        if (p.phase === 'tournament' && p.generation === 2) machine.reading.onBattery = true;
      },
    });
    expect(second.map((o) => [o.reason, o.waiting, o.result])).toEqual([['started', 'on battery', null]]);
    expect(storedState(core)).toMatchObject({ status: 'breeding', generation: 2 });

    machine.reading.onBattery = false;
    const third = await startDueEvolutions(core.ctx, scriptedModel(), { gate });
    expect(third.map((o) => [o.reason, o.waiting, o.result?.session.status])).toEqual([
      ['resumed', null, 'testing'],
    ]);
    expect(storedState(core).mutations).toBe(referenceMutations);
    core.close();
  });

  it('Stop while it waits cancels the session', async () => {
    const core = seededCore();
    const controller = new AbortController();
    const gate = gateFor(core, fakeMachine({ onBattery: true, idleSeconds: 0 }), async (signal) => {
      controller.abort(new Error('cancelled from the popover'));
      signal?.throwIfAborted();
    });
    await expect(
      evolveSkill(core.ctx, scriptedModel(), 'file-naming', { gate, signal: controller.signal }),
    ).rejects.toThrow(EvolutionCancelledError);
    expect(storedState(core).status).toBe('cancelled');
    core.close();
  });
});
