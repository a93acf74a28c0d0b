import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { configPath } from '../../src/core/config/loadConfig';
import { isTrustedSender, type SenderFrame } from '../../src/main/isTrustedSender';
import { registerIpc } from '../../src/main/registerIpc';
import { type ChannelKey, channels } from '../../src/shared/ipc/channels';
import { ipcErrorCodes } from '../../src/shared/ipc/ipcResult';
import { MAX_ANSWER_ISSUES } from '../../src/shared/ipc/settingsSchemas';
import { defaultConfig } from '../../src/shared/values/configSchema';
import { dumpDatabase } from '../support/dumpDatabase';
import { coreWithSession, seedTask } from './seedPendingChoice';

// The IPC trust boundary under random input: ≥ 10,000 payloads per channel, through the registered
// ipcMain listener (sender check → dispatchIpc → handlers) over a real core on a temp SQLite file.
// Nothing may throw, every answer is a well-formed result, and no payload the contract rejects may
// change a row of the database or the settings file.

const PAYLOADS_PER_CHANNEL = 10_000;
const ours: SenderFrame = { url: 'app://tinyarms/index.html', parent: null };

/** A payload each channel accepts, the seed of the near-misses. */
function validExample(key: ChannelKey, session: string, task: string): unknown {
  const skill = 'file-naming';
  // Partial: a channel added later still gets the random payloads, and near-misses of `undefined`.
  const examples: Partial<Record<ChannelKey, unknown>> = {
    getState: undefined,
    vote: { session, task, shown: ['original', 'A'], chosen: 'A', key: 'fuzz-valid-0001' },
    getHistory: { skill },
    getPromptDiff: { skill, from: 1, to: 1 },
    promote: { skill, variant: 'A' },
    rollback: { skill, toVersion: 1 },
    startEvolution: { skill },
    pauseAllEvolution: { paused: true },
    getSettings: undefined,
    setSettings: { config: { notifications: { enabled: false } }, base: defaultConfig },
    resetSettings: undefined,
    getModelStatus: undefined,
    downloadModel: { model: 'smollm2-135m' },
    openPreferences: undefined,
  };
  return examples[key];
}

const anyValue = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\0',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    "'; DROP TABLE ab_votes; --",
  ),
  fc.string({ minLength: 200, maxLength: 2000 }),
);

/** Payloads one edit away from `valid`: a key dropped, added, retyped, or the whole thing wrapped. */
function nearMisses(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object') {
    return fc.oneof(
      anyValue,
      fc.constantFrom(null, 0, '', false, [], {}, Number.NaN, [undefined], { length: 0 }),
    );
  }
  const record = valid as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    key.map((k) => Object.fromEntries(Object.entries(record).filter(([other]) => other !== k))),
    fc.tuple(nastyString, anyValue).map(([k, v]) => ({ ...record, [k]: v })),
    fc.tuple(key, anyValue).map(([k, v]) => ({ ...record, [k]: v })),
    fc.tuple(key, nastyString).map(([k, v]) => ({ ...record, [k]: v })),
    fc
      .tuple(
        key,
        fc.constantFrom(-1, 0, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, -0, null, true, []),
      )
      .map(([k, v]) => ({ ...record, [k]: v })),
    fc.constantFrom([record], JSON.stringify(record), { request: record }, Object.values(record)),
    fc.constant(JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(record).slice(1)}`)),
  );
}

/** Things structured clone would never deliver, but a dispatcher must survive anyway. */
function hostilePayloads(): unknown[] {
  const cyclic: Record<string, unknown> = { skill: 'file-naming' };
  cyclic.self = cyclic;
  const throwingGetter = Object.defineProperty({}, 'skill', {
    enumerable: true,
    get() {
      throw new Error('getter says no');
    },
  });
  const throwingProxy = new Proxy(
    {},
    {
      get() {
        throw new Error('proxy says no');
      },
      ownKeys() {
        throw new Error('proxy says no');
      },
    },
  );
  return [cyclic, throwingGetter, throwingProxy, Symbol('x'), () => 1, new Error('payload')];
}

describe('IPC fuzz', () => {
  // One data folder for the whole suite (each channel's run starts from what the previous left).
  const dataDir = mkdtempSync(join(tmpdir(), 'tinyarms-fuzz-'));
  const world = coreWithSession(dataDir);
  afterAll(() => {
    world.core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const task = seedTask(world.core.ctx, world.session, { original: 'a.pdf', A: 'b.pdf', B: 'c.pdf' });
  const listeners = new Map<
    string,
    (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>
  >();
  registerIpc({
    ipcMain: { handle: (name, listener) => void listeners.set(name, listener) },
    handlers: world.handlers,
    isTrusted: (frame) => isTrustedSender(frame),
  });
  const settingsFile = configPath(world.core.ctx.dataDir);
  const settingsBytes = () => (existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null);

  for (const key of Object.keys(channels) as ChannelKey[]) {
    const channel = channels[key];
    it(`${channel.name}: ${PAYLOADS_PER_CHANNEL} random payloads, no throw, no change from invalid ones`, async () => {
      const listener = listeners.get(channel.name);
      if (!listener) throw new Error(`${channel.name} is not registered`);
      const seed = [...channel.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
      const generated = [
        ...fc.sample(anyValue, { numRuns: PAYLOADS_PER_CHANNEL * 0.6, seed }),
        ...fc.sample(nearMisses(validExample(key, world.session, task)), {
          numRuns: PAYLOADS_PER_CHANNEL * 0.4,
          seed: seed + 1,
        }),
      ];
      expect(generated.length).toBeGreaterThanOrEqual(PAYLOADS_PER_CHANNEL);
      const isValid = (payload: unknown) => {
        try {
          return channel.request.safeParse(payload).success;
        } catch {
          return false;
        }
      };
      const invalid = generated.filter((payload) => !isValid(payload));
      const valid = generated.filter(isValid);

      const before = dumpDatabase(world.core.ctx.dataDir);
      const settingsBefore = settingsBytes();
      // Escapes are described, not kept: a hostile payload would throw again while the report prints.
      const escaped: string[] = [];
      const describe = (payload: unknown) => {
        try {
          return JSON.stringify(payload)?.slice(0, 200) ?? String(payload);
        } catch {
          return Object.prototype.toString.call(payload);
        }
      };
      for (const payload of invalid) {
        try {
          const answer = (await listener({ senderFrame: ours }, payload)) as {
            ok: boolean;
            error?: { code: string };
          };
          if (answer.ok !== false || answer.error?.code !== 'invalid-request')
            escaped.push(`${describe(payload)} → ${JSON.stringify(answer).slice(0, 200)}`);
        } catch (error) {
          escaped.push(`${describe(payload)} threw ${String(error)}`);
        }
      }
      // Values structured clone would never deliver (throwing getters, proxies, cycles) still get an
      // answer: a typed error, whichever code, and no throw.
      for (const payload of hostilePayloads()) {
        try {
          const answer = (await listener({ senderFrame: ours }, payload)) as { ok: boolean };
          if (answer.ok !== false) escaped.push(`${describe(payload)} was accepted`);
        } catch (error) {
          escaped.push(`${describe(payload)} threw ${String(error)}`);
        }
      }
      expect(escaped).toEqual([]);
      expect(dumpDatabase(world.core.ctx.dataDir)).toEqual(before);
      expect(settingsBytes()).toBe(settingsBefore);

      // Payloads the contract accepts reach the core: they may change things, but never throw.
      for (const payload of valid) {
        try {
          const answer = (await listener({ senderFrame: ours }, payload)) as {
            ok: boolean;
            error?: { code: string };
          };
          const wellFormed =
            answer.ok === true ||
            (answer.ok === false && ipcErrorCodes.includes(answer.error?.code as never));
          if (!wellFormed || answer.error?.code === 'internal' || answer.error?.code === 'invalid-response') {
            escaped.push(`${describe(payload)} → ${JSON.stringify(answer).slice(0, 300)}`);
          }
        } catch (error) {
          escaped.push(`${describe(payload)} threw ${String(error)}`);
        }
      }
      expect(escaped).toEqual([]);
    });
  }

  it('an oversized settings patch is refused by the contract at once, with a short answer', async () => {
    const listener = listeners.get(channels.setSettings.name);
    const before = settingsBytes();
    const manyKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i]));
    const deep = {
      notifications: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 'x'])),
    };
    for (const config of [manyKeys, deep]) {
      const answer = await listener?.({ senderFrame: ours }, { config, base: defaultConfig });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      // The answer names the problem; it does not echo 100,000 keys back.
      expect(JSON.stringify(answer).length).toBeLessThan(2_000);
    }
    expect(settingsBytes()).toBe(before);
  });

  it('a patch within the size limits but full of unknown keys gets a bounded answer', async () => {
    const listener = listeners.get(channels.setSettings.name);
    const before = settingsBytes();
    // 3,000 unknown keys in one section: under the 64 K characters, each one a problem to report.
    const notifications = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, 1]));
    const answer = await listener?.(
      { senderFrame: ours },
      { config: { notifications }, base: defaultConfig },
    );
    expect(answer).toMatchObject({ ok: true, value: { saved: false } });
    const issues = (answer as { value: { issues: { key: string; problem: string }[] } }).value.issues;
    expect(issues).toHaveLength(MAX_ANSWER_ISSUES);
    expect(issues.slice(0, 3).map((issue) => issue.key)).toEqual([
      'notifications.k0',
      'notifications.k1',
      'notifications.k2',
    ]);
    expect(issues.at(-1)).toEqual({
      key: 'notifications',
      problem: `and ${3_000 - MAX_ANSWER_ISSUES + 1} more problems`,
    });
    expect(JSON.stringify(answer).length).toBeLessThan(10_000);
    expect(settingsBytes()).toBe(before);
  });

  it('a settings payload the config schema refuses leaves config.yaml as it was', async () => {
    const listener = listeners.get(channels.setSettings.name);
    const before = settingsBytes();
    const answer = await listener?.(
      { senderFrame: ours },
      { config: { ab_testing: { min_votes: 80 } }, base: defaultConfig },
    );
    expect(answer).toMatchObject({ ok: true, value: { saved: false } });
    expect(settingsBytes()).toBe(before);
    expect(join(world.core.ctx.dataDir, 'config.yaml')).toBe(settingsFile);
  });
});
