import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNotificationRouter } from '../../../src/core/app/notificationRouter';
import { dispatchIpc, type IpcHandlers } from '../../../src/main/ipc/dispatchIpc';
import { createIpcHandlers } from '../../../src/main/ipc/ipcHandlers';
import { channelNames } from '../../../src/shared/ipc/channelNames';
import type { StateSnapshot } from '../../../src/shared/ipc/stateSnapshotSchema';
import { coreWithSession, seedTask } from '../../main/seedPendingChoice';
import { dumpDatabase } from '../../support/dumpDatabase';
import { openTestCore } from '../../support/openTestCore';
import { recordingNotifier } from '../../support/recordingNotifier';
import { namingOutput, seedSuggestion } from '../../support/seedSuggestion';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

async function snapshot(handlers: IpcHandlers): Promise<StateSnapshot> {
  const result = await dispatchIpc(handlers, channelNames.getState, undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as StateSnapshot;
}

function setup(supportsActions: boolean, settings = { enabled: true, sound: false }) {
  const world = coreWithSession(newDir());
  const { notifier, shown } = recordingNotifier(supportsActions);
  const opened: string[] = [];
  const errors: string[] = [];
  const router = createNotificationRouter({
    notifier,
    vote: (request) => dispatchIpc(world.handlers, channelNames.vote, request),
    onClick: () => opened.push('popover'),
    settings: () => settings,
    onVoteError: (message) => errors.push(message),
  });
  return { ...world, shown, opened, errors, router };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('notification routing of pending A/B choices', () => {
  it('offers the options as actions on macOS and records the picked one without opening anything', async () => {
    const t = setup(true);
    const task = seedTask(t.core.ctx, t.session, {
      original: 'scan.pdf',
      A: 'acme-invoice.pdf',
      B: 'invoice-acme.pdf',
    });
    const state = await snapshot(t.handlers);
    t.router.update(state);

    expect(t.shown).toHaveLength(1);
    const choice = state.pending[0];
    if (!choice) throw new Error('no pending choice seeded');
    const spec = t.shown[0]?.spec;
    expect(spec?.actions).toHaveLength(3);
    expect(spec?.title).toContain('File naming');
    choice.options.forEach((option, i) => {
      expect(spec?.actions[i]).toContain(`${i + 1}: ${option.text}`.slice(0, 20));
    });

    t.shown[0]?.events.onAction(1);
    await settle();
    const votes = t.core.ctx.store.sessions.votesOf(t.session);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ task, chosen: choice.options[1]?.arm, shown: choice.shown });
    expect(t.opened).toEqual([]);
    expect(t.errors).toEqual([]);

    // A repeated delivery of the same action is the same vote (idempotency key), not a second one.
    t.shown[0]?.events.onAction(1);
    await settle();
    expect(t.core.ctx.store.sessions.votesOf(t.session)).toHaveLength(1);
    t.core.close();
  });

  it('without action support the notification opens the popover and records nothing', async () => {
    const t = setup(false);
    seedTask(t.core.ctx, t.session, { original: 'scan.pdf', A: 'acme-invoice.pdf' });
    t.router.update(await snapshot(t.handlers));
    expect(t.shown[0]?.spec.actions).toEqual([]);
    expect(t.shown[0]?.spec.body).toContain('Click to choose in tinyArms');
    const before = dumpDatabase(t.core.ctx.dataDir);
    t.shown[0]?.events.onAction(0);
    t.shown[0]?.events.onClick();
    await settle();
    expect(t.opened).toEqual(['popover']);
    expect(dumpDatabase(t.core.ctx.dataDir)).toEqual(before);
    t.core.close();
  });

  it('announces each choice once, one at a time, and withdraws it when answered in the popover', async () => {
    const t = setup(true);
    const first = seedTask(t.core.ctx, t.session, { original: 'a.pdf', A: 'b.pdf' });
    t.core.clock.advance(1000);
    seedTask(t.core.ctx, t.session, { original: 'c.pdf', A: 'd.pdf' });
    const state = await snapshot(t.handlers);
    t.router.update(state);
    t.router.update(state);
    expect(t.shown).toHaveLength(1);
    const announced = t.router.announced();
    expect(announced).toBe(`${state.pending[0]?.session}/${state.pending[0]?.task}`);

    // The user answers the announced choice in the popover instead.
    const choice = state.pending[0];
    if (!choice) throw new Error('no pending choice');
    const voted = await dispatchIpc(t.handlers, channelNames.vote, {
      session: choice.session,
      task: choice.task,
      shown: choice.shown,
      chosen: null,
      key: 'popover-skip-1',
    });
    expect(voted.ok).toBe(true);
    t.router.update(await snapshot(t.handlers));
    expect(t.shown[0]?.closed).toBe(true);
    // The other choice is announced next, and never the answered one again.
    expect(t.shown).toHaveLength(2);
    expect(t.router.announced()).toBe(`${t.session}/${first}`);
    t.core.close();
  });

  it('stays silent when notifications are turned off', async () => {
    const t = setup(true, { enabled: false, sound: false });
    seedTask(t.core.ctx, t.session, { original: 'a.pdf', A: 'b.pdf' });
    t.router.update(await snapshot(t.handlers));
    expect(t.shown).toEqual([]);
    t.core.close();
  });

  it('reports a vote the core refuses (the session closed meanwhile) instead of throwing', async () => {
    const t = setup(true);
    seedTask(t.core.ctx, t.session, { original: 'a.pdf', A: 'b.pdf' });
    t.router.update(await snapshot(t.handlers));
    t.core.ctx.store.write(() =>
      t.core.ctx.store.sessions.closeSession(
        t.session,
        { event: 'cancel', winner: null, rule: null, reason: 'test', promotedVersion: null },
        t.core.ctx.clock.now(),
      ),
    );
    t.shown[0]?.events.onAction(0);
    await settle();
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatch(/cancelled/);
    expect(t.core.ctx.store.sessions.votesOf(t.session)).toEqual([]);
    t.core.close();
  });
});

describe('notification routing of watcher suggestions', () => {
  function suggestionWorld(allowed: number) {
    const dataDir = newDir();
    const folder = newDir();
    const core = openTestCore(dataDir);
    const ref = { ctx: core.ctx, configError: core.configError };
    const handlers = createIpcHandlers({ core: ref, appVersion: '0.1.0-test' });
    const { notifier, shown } = recordingNotifier(true);
    const asked: string[] = [];
    const router = createNotificationRouter({
      notifier,
      vote: (request) => dispatchIpc(handlers, channelNames.vote, request),
      answer: (request) => dispatchIpc(handlers, channelNames.answerSuggestion, request),
      onClick: () => {},
      settings: () => ({ enabled: true, sound: false }),
      budget: { mayPrompt: () => asked.length < allowed, note: (_skill, task) => asked.push(task) },
    });
    const drop = (name: string) => {
      writeFileSync(join(folder, name), name);
      const task = seedSuggestion(core.ctx, {
        skill: 'file-naming',
        path: join(folder, name),
        outputs: { original: namingOutput(`renamed-${name.replace('.', '-')}-file.txt`) },
      });
      core.clock.advance(1000);
      return task;
    };
    return { core, handlers, shown, asked, router, drop, folder };
  }

  it('asks to rename with Rename / Keep Name, and Rename renames without opening anything', async () => {
    const t = suggestionWorld(5);
    const task = t.drop('scan.pdf');
    t.router.update(await snapshot(t.handlers));
    expect(t.shown[0]?.spec).toMatchObject({ title: 'Rename scan.pdf?', actions: ['Rename', 'Keep Name'] });
    expect(t.shown[0]?.spec.body).toBe('→ renamed-scan-pdf-file.pdf');
    t.shown[0]?.events.onAction(0);
    await expect.poll(() => readdirSync(t.folder)).toEqual(['renamed-scan-pdf-file.pdf']);
    expect(t.core.ctx.store.tasks.feedbackFor(task)?.verdict).toBe('accepted');
    expect(t.asked).toEqual([task]);
  });

  it('the fatigue budget holds asks back: they wait in the popover and are not announced later', async () => {
    const t = suggestionWorld(1);
    const first = t.drop('one.pdf');
    t.router.update(await snapshot(t.handlers));
    t.shown[0]?.events.onAction(1);
    await expect.poll(() => t.core.ctx.store.tasks.feedbackFor(first)?.verdict).toBe('rejected');
    const second = t.drop('two.pdf');
    const state = await snapshot(t.handlers);
    t.router.update(state);
    expect(t.shown).toHaveLength(1);
    expect(state.suggestions.map((s) => s.task)).toEqual([second]);
    expect(readdirSync(t.folder).sort()).toEqual(['one.pdf', 'two.pdf']);
  });
});
