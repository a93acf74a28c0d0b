import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configPath } from '../../../src/core/config/loadConfig';
import { dispatchIpc } from '../../../src/main/ipc/dispatchIpc';
import { createIpcHandlers } from '../../../src/main/ipc/ipcHandlers';
import { seedScenario } from '../../e2e/seedScenario';
import { dumpDatabase } from '../../support/dumpDatabase';
import { openTestCore, T0 } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

function setup() {
  const dataDir = newDir();
  const opened = openTestCore(dataDir);
  const scenario = seedScenario(opened.ctx, opened.clock, T0);
  const core = { ctx: opened.ctx, configError: opened.configError };
  let changes = 0;
  const handlers = createIpcHandlers({ core, appVersion: '0.1.0-test', onChange: () => changes++ });
  const call = (channel: string, payload?: unknown) => dispatchIpc(handlers, channel, payload);
  /** The task's comparison as the popover's snapshot lists it, or null once it is answered. */
  const pendingChoice = async (task: string) => {
    const state = await call('state:get');
    if (!state.ok) throw new Error(state.error.message);
    const { pending } = state.value as {
      pending: { task: string; shown: string[]; options: { arm: string; sameAs: string[] }[] }[];
    };
    return pending.find((choice) => choice.task === task) ?? null;
  };
  return { dataDir, opened, scenario, core, handlers, call, pendingChoice, changes: () => changes };
}

describe('IPC handlers over the real core', () => {
  it('derives pending choices from stored runs, identical outputs shown once', async () => {
    const { call, scenario, opened } = setup();
    const state = await call('state:get');
    if (!state.ok) throw new Error(state.error.message);
    const snapshot = state.value as {
      pending: { task: string; options: { arm: string; sameAs: string[] }[] }[];
      skills: { id: string; status: string; sparkline: unknown[] }[];
    };
    expect(snapshot.pending.map((p) => p.task).sort()).toEqual([...scenario.pendingTasks].sort());
    const lease = snapshot.pending.find((p) => p.task === scenario.pendingTasks[2]);
    expect(lease?.options).toHaveLength(2);
    expect(lease?.options.flatMap((o) => [o.arm, ...o.sameAs]).sort()).toEqual(['A', 'B', 'original']);
    expect(snapshot.skills.find((s) => s.id === 'file-naming')).toMatchObject({ status: 'testing' });
    expect(snapshot.skills[0]?.sparkline).toHaveLength(7);
    opened.close();
  });

  it('credits a pick of an output that two arms gave to both of them', async () => {
    const { call, pendingChoice, scenario, opened } = setup();
    const task = scenario.pendingTasks[2] as string;
    const choice = await pendingChoice(task);
    if (choice === null) throw new Error('no pending choice');
    const { shown, options } = choice;
    const twin = options.find((o) => o.sameAs.length > 0);
    const single = options.find((o) => o.sameAs.length === 0);
    if (!twin || !single) throw new Error('the seeded task has no identical outputs');
    const answer = await call('choice:vote', {
      session: scenario.session,
      task,
      shown,
      chosen: twin.arm,
      key: 'key-tie-0001-abcdef',
    });
    expect(answer).toMatchObject({ ok: true, value: { recorded: true, votes: 1 } });
    const [vote] = opened.ctx.store.sessions.votesOf(scenario.session);
    expect(vote?.sameAs).toEqual({ [twin.arm]: twin.sameAs });
    if (!answer.ok) throw new Error(answer.error.message);
    const { arms } = answer.value as { arms: { arm: string; wins: number; losses: number }[] };
    const tally = Object.fromEntries(arms.map((a) => [a.arm, [a.wins, a.losses]]));
    for (const arm of [twin.arm, ...twin.sameAs]) expect(tally[arm]).toEqual([1, 0]);
    expect(tally[single.arm]).toEqual([0, 1]);
    opened.close();
  });

  it('records a vote, drops the choice and reports the new standing from the database', async () => {
    const { call, pendingChoice, scenario, opened, changes } = setup();
    const task = scenario.pendingTasks[0] as string;
    const choice = await pendingChoice(task);
    if (choice === null) throw new Error('no pending choice');
    const { shown } = choice;
    const vote = { session: scenario.session, task, shown, chosen: shown[0], key: 'key-0001-abcdef' };
    const answer = await call('choice:vote', vote);
    expect(answer).toMatchObject({ ok: true, value: { recorded: true, votes: 1, status: 'testing' } });
    expect(changes()).toBe(1);
    expect(opened.ctx.store.sessions.votesOf(scenario.session)).toHaveLength(1);
    // The same key again is a retry: nothing new is stored.
    expect(await call('choice:vote', vote)).toMatchObject({ ok: true, value: { recorded: false, votes: 1 } });
    expect(await pendingChoice(task)).toBeNull();
    opened.close();
  });

  it('refuses an invalid payload without calling the core', async () => {
    const { call, scenario, dataDir, opened } = setup();
    const before = dumpDatabase(dataDir);
    const bad = await call('choice:vote', {
      session: scenario.session,
      task: null,
      shown: ['A'],
      chosen: 'A',
      key: 'x',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const extra = await call('prompt:rollback', { skill: 'file-naming', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('no:such', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(dumpDatabase(dataDir)).toEqual(before);
    opened.close();
  });

  it('answers a core refusal as a user-input error', async () => {
    const { call, opened } = setup();
    const unknown = await call('skill:history', { skill: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'user-input' } });
    const tooFar = await call('prompt:rollback', { skill: 'code-linting' });
    expect(tooFar).toMatchObject({ ok: false, error: { code: 'user-input' } });
    opened.close();
  });

  it('answers unavailable for the model and breeder when they are absent', async () => {
    const { call, opened } = setup();
    expect(await call('evolution:start', { skill: 'file-naming' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await call('model:status')).toMatchObject({ ok: true, value: { state: 'unavailable' } });
    opened.close();
  });

  it('shows history, diffs two versions and rolls back', async () => {
    const { call, opened } = setup();
    const history = await call('skill:history', { skill: 'audio-actions' });
    expect(history).toMatchObject({
      ok: true,
      value: { active: 2, versions: [{ version: 1 }, { version: 2 }] },
    });
    const diff = await call('prompt:diff', { skill: 'audio-actions', from: 1, to: 2 });
    if (!diff.ok) throw new Error(diff.error.message);
    expect((diff.value as { added: number }).added).toBeGreaterThan(0);
    const back = await call('prompt:rollback', { skill: 'audio-actions' });
    expect(back).toMatchObject({ ok: true, value: { from: 2, restored: 1, version: 3 } });
    expect(opened.ctx.store.prompts.activeVersion('audio-actions').source).toBe('rollback');
    opened.close();
  });

  it('validates settings per key with the config schema and saves valid ones', async () => {
    const { call, core, opened } = setup();
    const current = await call('settings:get');
    if (!current.ok) throw new Error(current.error.message);
    const config = (current.value as { config: Record<string, Record<string, unknown>> }).config;
    const bad = await call('settings:set', {
      config: { ...config, ab_testing: { ...config.ab_testing, min_votes: 80 } },
      base: config,
    });
    expect(bad).toMatchObject({
      ok: true,
      value: {
        saved: false,
        issues: [{ key: 'ab_testing.min_votes', problem: 'must be ≤ max_votes (50), got 80' }],
      },
    });
    const good = await call('settings:set', {
      config: { ...config, ab_testing: { ...config.ab_testing, min_votes: 20 } },
      base: config,
    });
    expect(good).toMatchObject({ ok: true, value: { saved: true } });
    expect(core.ctx.config.ab_testing.min_votes).toBe(20);
    expect(await call('evolution:pause', { paused: true })).toEqual({ ok: true, value: { paused: true } });
    expect(core.ctx.config.evolution.paused).toBe(true);
    const reset = await call('settings:reset');
    expect(reset).toMatchObject({
      ok: true,
      value: { config: { ab_testing: { min_votes: 15 }, evolution: { paused: false } } },
    });
    opened.close();
  });

  it('keeps a hand edit of config.yaml made while the app runs when Pause or Save writes the file', async () => {
    const { call, core, opened } = setup();
    const current = await call('settings:get');
    if (!current.ok) throw new Error(current.error.message);
    const config = (current.value as { config: Record<string, Record<string, unknown>> }).config;
    const file = configPath(core.ctx.dataDir);
    writeFileSync(
      file,
      '# by hand\nab_testing:\n  max_votes: 77\nwatchers:\n  folders: [/Users/ada/Scans]\n',
    );
    expect(await call('evolution:pause', { paused: true })).toEqual({ ok: true, value: { paused: true } });
    expect(readFileSync(file, 'utf8')).toContain('# by hand');
    expect(core.ctx.config.ab_testing.max_votes).toBe(77);
    expect(core.ctx.config.watchers.folders).toEqual(['/Users/ada/Scans']);
    // The form, opened before the edit, saves another key: the edit stays.
    const saved = await call('settings:set', {
      config: { ...config, notifications: { ...config.notifications, sound: true } },
      base: config,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        saved: true,
        settings: { config: { ab_testing: { max_votes: 77 }, notifications: { sound: true } } },
      },
    });
    // The form changes the key edited by hand: refused on that key, file untouched.
    const before = readFileSync(file, 'utf8');
    const conflict = await call('settings:set', {
      config: { ...config, ab_testing: { ...config.ab_testing, max_votes: 30 } },
      base: config,
    });
    expect(conflict).toMatchObject({
      ok: true,
      value: {
        saved: false,
        issues: [{ key: 'ab_testing.max_votes', problem: expect.stringContaining('77') }],
      },
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    opened.close();
  });
});
