import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  folderSeenAtSetting,
  instantSetting,
  jsonSetting,
  nextRunSetting,
} from '../../../src/core/store/settingsRepository';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const tempDir = makeTempDataDirs();

describe('settingsRepository', () => {
  it('reads back what it stored, typed, and replaces an earlier value', () => {
    const core = openTestCore(tempDir());
    const { store, clock } = core.ctx;
    const at = instantSetting('test.at');
    const lease = jsonSetting('test.lease', z.object({ owner: z.string() }));
    expect(store.settings.get(at)).toBeUndefined();
    store.write(() => {
      store.settings.set(at, new Date('2025-03-01T10:00:00.000Z'), clock.now());
      store.settings.set(lease, { owner: 'a' }, clock.now());
      store.settings.set(lease, { owner: 'b' }, clock.now());
    });
    expect(store.settings.get(at)?.toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(store.settings.get(lease)).toEqual({ owner: 'b' });
    expect(store.db.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(2);
    store.write(() => store.settings.remove(lease));
    expect(store.settings.get(lease)).toBeUndefined();
    core.close();
  });

  it('reads a hand-edited value that does not parse as no value', () => {
    const core = openTestCore(tempDir());
    const { store } = core.ctx;
    const insert = store.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 'x')");
    insert.run('test.at', 'yesterday');
    insert.run('test.lease', '{"owner": 7}');
    insert.run('test.broken', '{');
    expect(store.settings.get(instantSetting('test.at'))).toBeUndefined();
    expect(store.settings.get(jsonSetting('test.lease', z.object({ owner: z.string() })))).toBeUndefined();
    expect(store.settings.get(jsonSetting('test.broken', z.unknown()))).toBeUndefined();
    core.close();
  });

  it('keeps the keys older databases hold', () => {
    expect(nextRunSetting('monitor').key).toBe('scheduler.monitor.next_run_at');
    expect(folderSeenAtSetting('/Users/me/Downloads').key).toBe('watch.seen_at:/Users/me/Downloads');
  });
});
