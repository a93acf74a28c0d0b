import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { renderHistory } from '../../../src/cli/promptViews';
import { breederUnitSchema, unitTemplate } from '../../../src/core/breeder/breederUnit';
import type { ScreenCandidate } from '../../../src/core/breeder/promptBreeder';
import { UserInputError } from '../../../src/core/coreContext';
import {
  EVOLUTION_LEASE_STALE_MS,
  EvolutionCancelledError,
  evolutionLeaseKey,
  evolveSkill,
} from '../../../src/core/evolution/evolveSkill';
import { promptHistory } from '../../../src/core/evolution/promptHistory';
import { startDueEvolutions } from '../../../src/core/evolution/startDueEvolutions';
import type { ExamplePolicy } from '../../../src/core/examples/examplePolicy';
import { claimLease } from '../../../src/core/leases';
import { promptKey, templateHash } from '../../../src/core/runner/prompt';
import { countInputPlaceholders } from '../../../src/core/skills/renderPrompt';
import { breederRepository } from '../../../src/core/store/breederRepository';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { scriptedModel } from './scriptedModel';
import { loadEvalCases, seedFileNamingFeedback } from './seedFileNamingFeedback';

const tempDir = makeTempDataDirs();
const SMALL =
  'breeder: { population: 6, generations: 8, evaluation_samples: 4, final_evaluation_samples: 8, max_calls: 200 }\n';

function seededCore(config = SMALL, cases = 12, seed = 1) {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), config);
  const core = openTestCore(dir, seed);
  seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, cases));
  return { dir, core };
}

describe('evolveSkill (scripted model)', () => {
  it('opens an A/B test of distinct, runnable variants lettered by fitness, with lineage', async () => {
    const { core } = seededCore();
    const model = scriptedModel();
    const result = await evolveSkill(core.ctx, model, 'file-naming');
    expect(result.session.status).toBe('testing');
    expect(result.session.trigger).toBe('manual');
    expect(result.variants.map((v) => v.letter)).toEqual(['A', 'B', 'C']);
    const fitness = result.variants.map((v) => v.fitness ?? -1);
    expect([...fitness].sort((a, b) => b - a)).toEqual(fitness);
    // A variant is its instruction and its example policy: distinct prompts, none the active one.
    const key = (v: { template: string; examplePolicy: ExamplePolicy }) =>
      promptKey({ template: v.template, examples: v.examplePolicy });
    const active = core.ctx.store.prompts.activeVersion('file-naming');
    expect(new Set(result.variants.map(key)).size).toBe(3);
    for (const v of result.variants) {
      expect(countInputPlaceholders(v.template)).toBe(1);
      expect(v.status).toBe('testing');
      expect(v.operator).not.toBe('original');
      expect(v.reasoning).toBeTruthy();
      expect(key(v)).not.toBe(key(active));
    }
    expect(result.calls).toBe(model.calls);
    expect(result.calls).toBeLessThanOrEqual(200);
    const mutations = core.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM breeder_mutations').get() as {
      n: number;
    };
    // A child is credited once, when a tournament first draws it: at most one per generation.
    expect(mutations.n).toBeGreaterThan(0);
    expect(mutations.n).toBeLessThanOrEqual(8);
    const stats = breederRepository(core.ctx.store.db).operatorStats('file-naming');
    expect([...stats.values()].reduce((s, c) => s + c.tries, 0)).toBe(mutations.n);
    core.close();
  });

  it('a second run of the same prompts is served from the fitness cache', async () => {
    const { core } = seededCore();
    const first = await evolveSkill(core.ctx, scriptedModel(), 'file-naming');
    core.ctx.store.write(() =>
      core.ctx.store.sessions.endRun(first.session.id, 'cancel', 'test', core.ctx.clock.now()),
    );
    const second = await evolveSkill(core.ctx, scriptedModel(), 'file-naming');
    expect(second.cacheHits).toBeGreaterThan(0);
    core.close();
  });

  it('refuses a skill without any reference example', async () => {
    const dir = tempDir();
    const core = openTestCore(dir);
    await expect(evolveSkill(core.ctx, scriptedModel(), 'file-naming')).rejects.toThrow(UserInputError);
    await expect(evolveSkill(core.ctx, scriptedModel(), 'file-naming')).rejects.toThrow(
      /no example with a reference/,
    );
    core.close();
  });

  it('never spends more calls than the budget', async () => {
    const { core } = seededCore();
    const model = scriptedModel();
    const result = await evolveSkill(core.ctx, model, 'file-naming', { budgetCalls: 25 });
    expect(model.calls).toBeLessThanOrEqual(25);
    expect(result.stoppedEarly).toMatch(/budget/);
    expect(result.variants.length).toBeGreaterThan(0);
    core.close();
  });

  it('resumes an interrupted run and ends where the uninterrupted run ends', async () => {
    const straight = seededCore(SMALL, 12, 5);
    const reference = await evolveSkill(straight.core.ctx, scriptedModel(), 'file-naming');
    straight.core.close();

    const { dir, core } = seededCore(SMALL, 12, 5);
    await expect(evolveSkill(core.ctx, scriptedModel({ failAtCall: 30 }), 'file-naming')).rejects.toThrow(
      'power cut',
    );
    core.close();
    const db = new Database(join(dir, 'tinyarms.db'), { readonly: true });
    const state = db.prepare(`SELECT status FROM evolution_sessions`).get() as { status: string };
    const stored = db.prepare('SELECT MAX(generation) AS g FROM breeder_population').get() as { g: number };
    db.close();
    expect(state.status).toBe('breeding');
    expect(stored.g).toBeGreaterThan(0);

    const reopened = openTestCore(dir, 99);
    const resumedModel = scriptedModel();
    const resumed = await evolveSkill(reopened.ctx, resumedModel, 'file-naming');
    expect(resumed.resumed).toBe(true);
    expect(resumed.variants.map((v) => v.template)).toEqual(reference.variants.map((v) => v.template));
    expect(resumedModel.calls).toBeLessThan(reference.calls);
    reopened.close();
  });

  it('one process breeds a session: a live holder refuses a second resume, a dead one is taken over', async () => {
    const { core } = seededCore();
    await expect(evolveSkill(core.ctx, scriptedModel({ failAtCall: 12 }), 'file-naming')).rejects.toThrow(
      'power cut',
    );
    const session = core.ctx.store.sessions.openSessionFor('file-naming');
    if (!session) throw new Error('expected the interrupted session');
    const holder = { key: evolutionLeaseKey(session.id), staleMs: EVOLUTION_LEASE_STALE_MS };
    // Another process (alive: this test's own pid) is resuming it right now.
    claimLease(core.ctx, { ...holder, owner: 'tinyarms prompt evolve (pid 1234)', pid: process.pid });
    const idle = scriptedModel();
    await expect(evolveSkill(core.ctx, idle, 'file-naming')).rejects.toThrow(
      `file-naming's evolution (session ${session.id}) is being bred by tinyarms prompt evolve (pid 1234); wait for it to finish or cancel it there`,
    );
    expect(idle.calls).toBe(0);
    // That process was killed: its lease does not block the next resume, which finishes the run.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    claimLease(core.ctx, { ...holder, owner: 'tinyarms prompt evolve (pid 1234)', pid: dead });
    const resumed = await evolveSkill(core.ctx, scriptedModel(), 'file-naming');
    expect(resumed.resumed).toBe(true);
    expect(resumed.session.status).toBe('testing');
    // Released at the end: nothing is left in settings.
    expect(
      core.ctx.store.db.prepare('SELECT COUNT(*) FROM settings WHERE key = ?').pluck().get(holder.key),
    ).toBe(0);
    core.close();
  });

  it('is screening while the judge screens; a run stopped there resumes breeding and opens its test', async () => {
    const { core } = seededCore();
    const seen: (string | undefined)[] = [];
    const failingJudge = async (): Promise<never> => {
      seen.push(core.ctx.store.sessions.openSessionFor('file-naming')?.status);
      throw new Error('judge process killed');
    };
    await expect(
      evolveSkill(core.ctx, scriptedModel(), 'file-naming', { screen: failingJudge }),
    ).rejects.toThrow('judge process killed');
    expect(seen).toEqual(['screening']);
    expect(core.ctx.store.sessions.interruptedRuns().map((s) => s.status)).toEqual(['screening']);
    const keepAll = async (candidates: readonly ScreenCandidate[]) => {
      seen.push(core.ctx.store.sessions.openSessionFor('file-naming')?.status);
      return candidates.map((candidate) => ({
        id: candidate.id,
        judgeScore: { score: 75, dimensions: {}, reason: 'ok', model: 'smollm2', tier: 'backup' },
      }));
    };
    const resumed = await evolveSkill(core.ctx, scriptedModel(), 'file-naming', { screen: keepAll });
    expect(resumed.resumed).toBe(true);
    expect(seen).toEqual(['screening', 'screening']);
    expect(resumed.session.status).toBe('testing');
    core.close();
  });

  it('evaluates only the top `keep` prompts at the end (3 with the judge off, DESIGN §4)', async () => {
    const { core } = seededCore();
    const model = scriptedModel();
    let finalFrom: number | null = null;
    await evolveSkill(core.ctx, model, 'file-naming', {
      onProgress: (p) => {
        if (p.phase === 'final' && finalFrom === null) finalFrom = model.requests.length;
      },
    });
    if (finalFrom === null) throw new Error('no final phase');
    const callsPerInput = new Map<string, number>();
    for (const request of model.requests.slice(finalFrom).filter((r) => r.words !== undefined))
      callsPerInput.set(request.user, (callsPerInput.get(request.user) ?? 0) + 1);
    expect(callsPerInput.size).toBeGreaterThan(0);
    expect(Math.max(...callsPerInput.values())).toBe(3);
    core.close();
  });

  it('scores a child when a tournament first draws it: one never drawn costs no call and is not credited', async () => {
    // Seed 2: a run in which a child born before the last generation is never drawn (seed 1 has none).
    const { core } = seededCore(SMALL, 12, 2);
    const model = scriptedModel();
    const result = await evolveSkill(core.ctx, model, 'file-naming');
    const repo = breederRepository(core.ctx.store.db);
    const units = (repo.latestPopulation(result.session.id)?.units ?? []).map((u) =>
      breederUnitSchema.parse(u),
    );
    const templates = units.map(unitTemplate);
    const pending = units.filter(
      (u) => u.credit !== undefined && templates.filter((t) => t === unitTemplate(u)).length === 1,
    );
    expect(pending.length).toBeGreaterThan(0);
    for (const unit of pending) {
      expect(repo.cachedOutputs(templateHash(unitTemplate(unit)), model.id).size).toBe(0);
      const credited = core.ctx.store.db
        .prepare('SELECT COUNT(*) FROM breeder_mutations WHERE session = ? AND generation = ?')
        .pluck()
        .get(result.session.id, unit.born);
      expect(credited).toBe(0);
    }
    // The children that were drawn are credited.
    const rows = core.ctx.store.db
      .prepare('SELECT generation FROM breeder_mutations WHERE session = ?')
      .pluck()
      .all(result.session.id) as number[];
    expect(rows.length).toBeGreaterThan(0);
    core.close();
  });

  it('breeds no child in the last generation, which no tournament could draw', async () => {
    const { core } = seededCore();
    const model = scriptedModel();
    const mutatorCallsBy = new Map<string, number>();
    await evolveSkill(core.ctx, model, 'file-naming', {
      onProgress: (p) => {
        const key = p.phase === 'final' ? 'final' : `${p.phase} ${p.generation}`;
        if (!mutatorCallsBy.has(key)) mutatorCallsBy.set(key, model.mutatorCalls);
      },
    });
    const afterFirst = mutatorCallsBy.get('tournament 1');
    const afterSeventh = mutatorCallsBy.get('tournament 7');
    if (afterFirst === undefined || afterSeventh === undefined) throw new Error('no generation 1 or 7');
    expect(afterSeventh).toBeGreaterThan(afterFirst); // generations 2–7 (of 8) bred children
    expect(mutatorCallsBy.get('final')).toBe(afterSeventh); // generation 8 did not
    core.close();
  });

  it('cancel closes the session as cancelled', async () => {
    const { core } = seededCore();
    const controller = new AbortController();
    const run = evolveSkill(core.ctx, scriptedModel(), 'file-naming', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.calls >= 3) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(EvolutionCancelledError);
    const session = core.ctx.store.sessions.sessionsFor('file-naming')[0];
    expect(session?.status).toBe('cancelled');
    expect(core.ctx.store.sessions.openSessionFor('file-naming')).toBeNull();
    core.close();
  });
});

describe('startDueEvolutions', () => {
  it('evolves a skill whose accuracy dropped, once, respecting the cooldown', async () => {
    const { core } = seededCore(SMALL, 22);
    const first = await startDueEvolutions(core.ctx, scriptedModel());
    expect(first.map((d) => [d.skill, d.reason, d.error])).toEqual([['file-naming', 'started', null]]);
    expect(first[0]?.result?.session.trigger).toBe('accuracy_drop');
    expect(first[0]?.result?.session.status).toBe('testing');
    const again = await startDueEvolutions(core.ctx, scriptedModel());
    expect(again).toEqual([]);
    core.close();
  });

  it('resumes a run a restart interrupted', async () => {
    const { dir, core } = seededCore(SMALL, 22);
    await expect(evolveSkill(core.ctx, scriptedModel({ failAtCall: 12 }), 'file-naming')).rejects.toThrow(
      'power cut',
    );
    core.close();
    const reopened = openTestCore(dir);
    const outcomes = await startDueEvolutions(reopened.ctx, scriptedModel());
    expect(outcomes.map((d) => [d.skill, d.reason])).toEqual([['file-naming', 'resumed']]);
    expect(outcomes[0]?.result?.resumed).toBe(true);
    reopened.close();
  });

  it('lets the judge screen a run the monitor started and stores its scores on the variants', async () => {
    const { core } = seededCore(SMALL, 22);
    const asked: string[] = [];
    const screen = async (skill: string) => {
      asked.push(skill);
      // Keeps the last two finalists, the last one best: the judge's order, not the breeder's.
      return async (candidates: readonly ScreenCandidate[]) =>
        candidates
          .slice(-2)
          .reverse()
          .map((candidate, i) => ({
            id: candidate.id,
            judgeScore: {
              score: 80 - 10 * i,
              dimensions: { clarity: 4 - i },
              reason: `judged ${candidate.id}`,
              model: 'smollm2',
              tier: 'backup',
            },
          }));
    };
    const [outcome] = await startDueEvolutions(core.ctx, scriptedModel(), { screen });
    expect(asked).toEqual(['file-naming']);
    const variants = core.ctx.store.sessions.variantsOf(outcome?.result?.session.id ?? '');
    expect(variants.map((v) => [v.letter, v.judgeScore?.score, v.judgeScore?.tier])).toEqual([
      ['A', 80, 'backup'],
      ['B', 70, 'backup'],
    ]);
    const text = renderHistory(promptHistory(core.ctx, 'file-naming'));
    expect(text).toMatch(/A {2}.* · judge 80\/100 \(backup\)/);
    expect(text).toMatch(/B {2}.* · judge 70\/100 \(backup\)/);
    core.close();
  });
});
