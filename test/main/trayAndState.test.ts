import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordVote } from '../../src/core/evolution/abVoting';
import { createChangeWatcher } from '../../src/main/changeWatcher';
import { dispatchIpc } from '../../src/main/ipc/dispatchIpc';
import { createStatePublisher, type EventTarget } from '../../src/main/statePublisher';
import { createTrayController, trayMenu, trayToolTip } from '../../src/main/trayController';
import { channelNames, eventNames } from '../../src/shared/ipc/channelNames';
import type { IpcResult } from '../../src/shared/ipc/ipcResult';
import type { StateSnapshot } from '../../src/shared/ipc/stateSnapshotSchema';
import { openTestCore } from '../support/openTestCore';
import { makeTempDataDirs } from '../support/tempDataDir';
import { coreWithSession, seedTask } from './seedPendingChoice';

const newDir = makeTempDataDirs();

function recordingTray() {
  const calls: string[] = [];
  return {
    calls,
    tray: {
      setImage: (image: string) => calls.push(`image ${image}`),
      setToolTip: (t: string) => calls.push(`tooltip ${t}`),
    },
  };
}

function trayWith(log: string[], openAtLogin = { value: false }) {
  const { calls, tray } = recordingTray();
  const controller = createTrayController({
    tray,
    icons: { idle: 'trayTemplate.png', pending: 'trayPendingTemplate.png' },
    togglePopover: (bounds) => log.push(`toggle ${bounds?.x ?? '-'}`),
    showPopover: () => log.push('show'),
    openPreferences: () => log.push('preferences'),
    loginItem: {
      openAtLogin: () => openAtLogin.value,
      setOpenAtLogin: (open) => {
        openAtLogin.value = open;
      },
    },
    quit: () => log.push('quit'),
  });
  return { controller, calls, openAtLogin };
}

describe('tray controller', () => {
  it('starts idle; click toggles the popover with the icon bounds; the menu routes its entries', () => {
    const log: string[] = [];
    const { controller, calls, openAtLogin } = trayWith(log);
    expect(calls).toEqual(['image trayTemplate.png', 'tooltip tinyArms']);
    controller.click({ x: 1200, y: 0, width: 24, height: 24 });
    controller.menu('open');
    controller.menu('preferences');
    controller.menu('quit');
    expect(log).toEqual(['toggle 1200', 'show', 'preferences', 'quit']);

    expect(controller.menuItems()).toContainEqual({
      kind: 'toggle',
      id: 'openAtLogin',
      label: 'Open at Login',
      checked: false,
    });
    controller.menu('openAtLogin');
    expect(openAtLogin.value).toBe(true);
    expect(controller.menuItems()).toEqual(trayMenu({ openAtLogin: true }));
  });

  it('says how many choices wait', () => {
    expect(trayToolTip(0)).toBe('tinyArms');
    expect(trayToolTip(1)).toBe('tinyArms: a choice is waiting for you');
    expect(trayToolTip(3)).toBe('tinyArms: 3 choices are waiting for you');
  });
});

describe('main-owned state: tray icon and pushed snapshots follow the database', () => {
  it('switches to the pending icon when a choice waits and back when it is answered', async () => {
    const world = coreWithSession(newDir());
    const log: string[] = [];
    const { controller, calls } = trayWith(log);
    const sent: { channel: string; payload: StateSnapshot }[] = [];
    const window: EventTarget = {
      isDestroyed: () => false,
      send: (channel, payload) => sent.push({ channel, payload: payload as StateSnapshot }),
    };
    const publisher = createStatePublisher({
      snapshot: () =>
        dispatchIpc(world.handlers, channelNames.getState, undefined) as Promise<IpcResult<StateSnapshot>>,
      targets: () => [window],
      listeners: [(snapshot) => controller.showPending(snapshot.pending.length)],
    });
    let changes = 0;
    const watcher = createChangeWatcher({
      db: () => world.ref.ctx.store.db,
      configFile: () => join(world.ref.ctx.dataDir, 'config.yaml'),
      onChange: () => {
        changes++;
        void publisher.publish();
      },
      schedule: () => () => {},
    });

    await publisher.publish();
    expect(controller.variant()).toBe('idle');
    expect(sent[0]?.channel).toBe(eventNames.stateChanged);

    const task = seedTask(world.core.ctx, world.session, { original: 'a.pdf', A: 'b.pdf', B: 'c.pdf' });
    watcher.check();
    await publisher.publish();
    expect(changes).toBe(1);
    expect(controller.variant()).toBe('pending');
    expect(calls).toContain('image trayPendingTemplate.png');
    expect(sent.at(-1)?.payload.pending).toHaveLength(1);

    const choice = sent.at(-1)?.payload.pending[0];
    if (!choice) throw new Error('no pending choice');
    recordVote(world.core.ctx, {
      session: world.session,
      task,
      shown: choice.shown,
      chosen: choice.shown[0] ?? null,
    });
    watcher.check();
    await publisher.publish();
    expect(controller.variant()).toBe('idle');
    expect(sent.at(-1)?.payload.pending).toEqual([]);
    watcher.stop();
    world.core.close();
  });
});

describe('change watcher', () => {
  it('notices writes by another process-like connection (the CLI), its own, and config.yaml edits', () => {
    const dir = newDir();
    const app = openTestCore(dir);
    let changes = 0;
    const watcher = createChangeWatcher({
      db: () => app.ctx.store.db,
      configFile: () => join(dir, 'config.yaml'),
      onChange: () => changes++,
      schedule: () => () => {},
    });
    watcher.check();
    expect(changes).toBe(0);

    const cli = openTestCore(dir);
    cli.ctx.store.write(() =>
      cli.ctx.store.tasks.createTask(
        { skill: 'file-naming', input: { originalName: 'x.pdf' }, source: 'cli' },
        cli.clock.now(),
      ),
    );
    cli.close();
    watcher.check();
    expect(changes).toBe(1);
    watcher.check();
    expect(changes).toBe(1);

    app.ctx.store.write(() =>
      app.ctx.store.tasks.createTask(
        { skill: 'file-naming', input: { originalName: 'y.pdf' }, source: 'api' },
        app.clock.now(),
      ),
    );
    watcher.check();
    expect(changes).toBe(2);

    writeFileSync(join(dir, 'config.yaml'), 'notifications: { enabled: false }\n');
    watcher.check();
    expect(changes).toBe(3);
    watcher.stop();
    app.close();
  });

  it('polls on its timer until stopped', () => {
    const dir = newDir();
    const app = openTestCore(dir);
    const timers: (() => void)[] = [];
    let changes = 0;
    const watcher = createChangeWatcher({
      db: () => app.ctx.store.db,
      configFile: () => join(dir, 'config.yaml'),
      onChange: () => changes++,
      schedule: (run) => {
        timers.push(run);
        return () => {};
      },
    });
    writeFileSync(join(dir, 'config.yaml'), '{}\n');
    timers.shift()?.();
    expect(changes).toBe(1);
    expect(timers).toHaveLength(1);
    watcher.stop();
    timers.shift()?.();
    expect(timers).toHaveLength(0);
    app.close();
  });
});
