import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/config/configError';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { updateConfig } from '../../../src/core/config/updateConfig';
import { type Config, defaultConfig } from '../../../src/shared/values/configSchema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinyarms-update-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const file = () => join(dir, 'config.yaml');
const edited = (base: Config, edit: (config: Config) => void): Config => {
  const next = structuredClone(base);
  edit(next);
  return next;
};

describe('updateConfig', () => {
  it('keeps a hand edit made after the surface read the settings, comments included', () => {
    writeFileSync(file(), '# mine\nab_testing:\n  max_votes: 40 # keep\n');
    const base = loadConfig(dir).config;
    // While the app runs, the user edits the file by hand.
    writeFileSync(
      file(),
      '# mine\nab_testing:\n  max_votes: 77 # keep\nwatchers:\n  folders: [/Users/ada/Scans]\n',
    );
    const update = updateConfig(
      dir,
      base,
      edited(base, (c) => {
        c.evolution.paused = true;
      }),
    );
    expect(update.changed).toEqual(['evolution.paused']);
    expect(update.config.ab_testing.max_votes).toBe(77);
    expect(update.config.watchers.folders).toEqual(['/Users/ada/Scans']);
    expect(update.config.evolution.paused).toBe(true);
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('# mine');
    expect(text).toContain('77 # keep');
  });

  it('refuses a key changed here and in the file to different values, writing nothing', () => {
    const base = loadConfig(dir).config;
    writeFileSync(file(), 'ab_testing:\n  max_votes: 77\n');
    const before = readFileSync(file(), 'utf8');
    const attempt = () =>
      updateConfig(
        dir,
        base,
        edited(base, (c) => {
          c.ab_testing.max_votes = 30;
          c.evolution.paused = true;
        }),
      );
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /ab_testing\.max_votes was changed in the file to 77 while this change set it to 30/,
    );
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('takes the same change made in both places, and writes nothing when nothing changed', () => {
    const base = loadConfig(dir).config;
    writeFileSync(file(), 'ab_testing:\n  max_votes: 30\n');
    const same = updateConfig(
      dir,
      base,
      edited(base, (c) => {
        c.ab_testing.max_votes = 30;
      }),
    );
    expect(same.config.ab_testing.max_votes).toBe(30);
    const text = readFileSync(file(), 'utf8');
    expect(updateConfig(dir, base, structuredClone(base)).changed).toEqual([]);
    expect(readFileSync(file(), 'utf8')).toBe(text);
  });

  it('resets to the defaults from the file as it is now', () => {
    writeFileSync(file(), 'ab_testing:\n  max_votes: 77\nmodel:\n  threads: 2\n');
    const update = updateConfig(dir, loadConfig(dir).config, structuredClone(defaultConfig));
    expect(update.changed.sort()).toEqual(['ab_testing.max_votes', 'model.threads']);
    expect(update.config).toEqual(defaultConfig);
  });
});
