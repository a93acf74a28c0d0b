import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFrame } from '../../src/main/isTrustedSender';
import { registerIpc } from '../../src/main/registerIpc';
import { channelNames } from '../../src/shared/ipc/channelNames';
import { channels } from '../../src/shared/ipc/channels';
import { dumpDatabase } from '../support/dumpDatabase';
import { makeTempDataDirs } from '../support/tempDataDir';
import { coreWithSession } from './seedPendingChoice';

const newDir = makeTempDataDirs();

type Listener = (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>;

function registered() {
  const world = coreWithSession(newDir());
  const listeners = new Map<string, Listener>();
  let afterCalls = 0;
  const names = registerIpc({
    ipcMain: { handle: (channel, listener) => void listeners.set(channel, listener) },
    handlers: world.handlers,
    isTrusted: (frame) => isTrustedSender(frame),
    afterCall: () => {
      afterCalls++;
    },
  });
  const call = (name: string, frame: SenderFrame | null, ...args: unknown[]) => {
    const listener = listeners.get(name);
    if (!listener) throw new Error(`${name} not registered`);
    return listener({ senderFrame: frame }, ...args);
  };
  return { ...world, names, call, afterCalls: () => afterCalls };
}

const ours = { url: 'app://tinyarms/index.html', parent: null };

describe('IPC registration', () => {
  it('registers exactly the contract channels', () => {
    const t = registered();
    expect(t.names.sort()).toEqual(
      Object.values(channels)
        .map((c) => c.name)
        .sort(),
    );
    t.core.close();
  });

  it('answers our main frame through the dispatcher', async () => {
    const t = registered();
    await expect(t.call(channelNames.getState, ours)).resolves.toMatchObject({
      ok: true,
      value: { appVersion: '0.1.0-test' },
    });
    expect(t.afterCalls()).toBe(1);
    t.core.close();
  });

  it('rejects other senders before the payload is looked at, and changes nothing', async () => {
    const t = registered();
    const before = dumpDatabase(t.core.ctx.dataDir);
    const vote = {
      session: t.session,
      task: null,
      shown: ['original', 'A'],
      chosen: 'A',
      key: 'attacker-key-1',
    };
    for (const frame of [
      null,
      { url: 'app://tinyarms/index.html', parent: {} },
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/x.html', parent: null },
    ]) {
      await expect(t.call(channelNames.vote, frame, vote)).rejects.toThrow(/not a tinyArms page/);
    }
    expect(dumpDatabase(t.core.ctx.dataDir)).toEqual(before);
    expect(t.afterCalls()).toBe(0);
    t.core.close();
  });

  it('answers an invalid payload or extra arguments with a typed error, never a throw', async () => {
    const t = registered();
    const before = dumpDatabase(t.core.ctx.dataDir);
    const bad = await t.call(channelNames.vote, ours, { session: t.session, shown: 'A', chosen: 7 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const extra = await t.call(channelNames.getState, ours, undefined, { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(dumpDatabase(t.core.ctx.dataDir)).toEqual(before);
    t.core.close();
  });

  it('records a valid vote from our page', async () => {
    const t = registered();
    const result = await t.call(channelNames.vote, ours, {
      session: t.session,
      task: null,
      shown: ['original', 'A'],
      chosen: 'A',
      key: 'popover-vote-1',
    });
    expect(result).toMatchObject({ ok: true, value: { recorded: true, votes: 1 } });
    expect(t.core.ctx.store.sessions.votesOf(t.session)).toHaveLength(1);
    t.core.close();
  });
});
