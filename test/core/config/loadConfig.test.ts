import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFileExists, loadConfig } from '../../../src/core/config/loadConfig';
import { defaultConfig } from '../../../src/shared/values/configSchema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinyarms-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(text: string): string {
  const path = join(dir, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('uses the defaults without error when there is no file, and creates none', () => {
    const loaded = loadConfig(dir);
    expect(loaded).toEqual({ config: defaultConfig, path: join(dir, 'config.yaml'), error: null });
    expect(configFileExists(dir)).toBe(false);
  });

  it('treats an empty or comment-only file as all defaults', () => {
    writeConfig('# nothing yet\n');
    expect(loadConfig(dir)).toMatchObject({ config: defaultConfig, error: null });
  });

  it('merges a valid partial file over the defaults', () => {
    writeConfig('ab_testing:\n  max_votes: 40\nmodel:\n  threads: 2\n');
    const { config, error } = loadConfig(dir);
    expect(error).toBeNull();
    expect(config.ab_testing.max_votes).toBe(40);
    expect(config.ab_testing.min_votes).toBe(15);
    expect(config.model.threads).toBe(2);
    expect(config.triggers).toEqual(defaultConfig.triggers);
  });

  it('names the file and the line for malformed YAML and uses the defaults', () => {
    const path = writeConfig('triggers:\n  sample_size: [20\nmodel: {}\n');
    const { config, error } = loadConfig(dir);
    expect(config).toEqual(defaultConfig);
    expect(error?.fallback).toBe('defaults');
    expect(error?.message).toContain(path);
    expect(error?.message).toMatch(/not valid YAML at line \d+, column \d+/);
    expect(error?.message).not.toContain('\n');
  });

  it('reports a duplicated key as broken YAML', () => {
    writeConfig('evolution:\n  paused: true\nevolution:\n  paused: false\n');
    expect(loadConfig(dir).error?.message).toMatch(/line 3.*unique/);
  });

  it('names the key and the problem for a bad value, keeping the valid settings', () => {
    const path = writeConfig('ab_testing:\n  min_votes: 80\n  show_probability: 0.3\n');
    const { config, error } = loadConfig(dir);
    expect(error?.message).toBe(
      `${path}: ab_testing.min_votes must be ≤ max_votes (50), got 80; using the defaults for these keys`,
    );
    expect(error?.issues).toEqual([
      { key: 'ab_testing.min_votes', problem: 'must be ≤ max_votes (50), got 80' },
    ]);
    expect(error?.fallback).toBe('valid-settings-kept');
    expect(config.ab_testing.min_votes).toBe(15);
    expect(config.ab_testing.show_probability).toBe(0.3);
  });

  it('explains type and range errors in the words of the file', () => {
    writeConfig(
      'triggers:\n  sample_size: twenty\n  accuracy_threshold: 1.5\n  window_days: 0\n' +
        'breeder:\n  population: 2.5\nab_testing:\n  allocation: greedy\n',
    );
    const { error, config } = loadConfig(dir);
    expect(error?.issues).toHaveLength(5);
    expect(error?.issues).toEqual(
      expect.arrayContaining([
        { key: 'triggers.accuracy_threshold', problem: 'must be ≤ 1, got 1.5' },
        { key: 'triggers.sample_size', problem: 'must be a number, got "twenty"' },
        { key: 'triggers.window_days', problem: 'must be > 0, got 0' },
        { key: 'breeder.population', problem: 'must be a whole number, got 2.5' },
        { key: 'ab_testing.allocation', problem: 'must be one of thompson, top-two, uniform, got "greedy"' },
      ]),
    );
    expect(error?.message).toContain('(and 2 more)');
    expect(config.triggers).toEqual(defaultConfig.triggers);
  });

  it('blames the key the user wrote when a cross-field rule fails against a default', () => {
    writeConfig('triggers:\n  accuracy_threshold: 0.6\n  sample_size: 30\n');
    const { error, config } = loadConfig(dir);
    expect(error?.issues[0]?.key).toBe('learning.rollback_threshold');
    expect(error?.issues[0]?.problem).toBe('must be ≤ triggers.accuracy_threshold (0.6), got 0.7');
    expect(config.triggers.accuracy_threshold).toBe(0.8);
    expect(config.triggers.sample_size).toBe(30);
  });

  it('reports every problem, including those hidden behind the first', () => {
    writeConfig('ab_testing:\n  min_votes: 80\n  max_votes: many\n');
    const { error } = loadConfig(dir);
    expect(error?.issues.map((i) => i.key)).toEqual(['ab_testing.max_votes', 'ab_testing.min_votes']);
  });

  it('treats an unknown key as an error naming it, with a suggestion', () => {
    writeConfig('ab_testing:\n  max_vote: 30\n  min_votes: 10\ntrigers: {}\n');
    const { error, config } = loadConfig(dir);
    expect(error?.issues).toContainEqual({
      key: 'ab_testing.max_vote',
      problem: 'is not a known setting (did you mean ab_testing.max_votes?)',
    });
    expect(error?.issues).toContainEqual({
      key: 'trigers',
      problem: 'is not a known setting (did you mean triggers?)',
    });
    expect(config.ab_testing.min_votes).toBe(10);
    expect(config.ab_testing.max_votes).toBe(50);
  });

  it('suggests the right section for a key written in the wrong one', () => {
    writeConfig('triggers:\n  min_votes: 10\n');
    expect(loadConfig(dir).error?.issues[0]?.problem).toBe(
      'is not a known setting (did you mean ab_testing.min_votes?)',
    );
  });

  it('uses the defaults when the file is not a mapping', () => {
    writeConfig('- a\n- b\n');
    const { error, config } = loadConfig(dir);
    expect(config).toEqual(defaultConfig);
    expect(error?.fallback).toBe('defaults');
    expect(error?.issues[0]).toEqual({
      key: '(top level)',
      problem: 'must be a mapping of settings (key: value), got a list',
    });
  });

  it('never touches the file, even a broken one', () => {
    const bodies = ['ab_testing:\n  min_votes: 80 # mine\n', 'triggers: [oops\n', 'unknown: 1\r\n'];
    for (const body of bodies) {
      const path = writeConfig(body);
      const before = statSync(path).mtimeMs;
      loadConfig(dir);
      expect(readFileSync(path, 'utf8')).toBe(body);
      expect(statSync(path).mtimeMs).toBe(before);
    }
  });
});

describe('a malformed quiet_hours', () => {
  it('names the key and the expected format', () => {
    writeFileSync(join(dir, 'config.yaml'), 'notifications:\n  quiet_hours: 22-8\n');
    const { config, error } = loadConfig(dir);
    expect(error?.issues[0]).toMatchObject({ key: 'notifications.quiet_hours' });
    expect(error?.message).toContain(
      'notifications.quiet_hours must be HH:MM-HH:MM, e.g. 22:00-08:00, got "22-8"',
    );
    expect(config.notifications.quiet_hours).toBe('22:00-08:00');
  });
});

describe('loadConfig on hostile YAML', () => {
  let hostile: string;
  beforeEach(() => {
    hostile = mkdtempSync(join(tmpdir(), 'tinyarms-hostile-'));
  });
  afterEach(() => {
    rmSync(hostile, { recursive: true, force: true });
  });
  const load = (text: string | Buffer) => {
    writeFileSync(join(hostile, 'config.yaml'), text);
    return loadConfig(hostile);
  };

  it.each([
    ['model: !!binary R0lGODlhAQABAAAAACw=\nab_testing:\n  max_votes: 40\n', 'model', '!!binary'],
    ['ab_testing: !!set {max_votes, min_votes}\nmodel:\n  threads: 2\n', 'ab_testing', '!!set'],
    ['evolution: !!omap [paused: true]\n', 'evolution', '!!omap'],
    ['notifications:\n  quiet_hours: !!timestamp 2001-12-14\n', 'notifications.quiet_hours', '!!timestamp'],
  ])('drops a value under a tag outside the core schema and names its key: %j', (text, key, tag) => {
    const loaded = load(text);
    expect(loaded.error?.issues).toContainEqual({ key, problem: expect.stringContaining(tag) });
    expect(loaded.error?.fallback).toBe('valid-settings-kept');
    // The key falls back to its default; the rest of the file is kept.
    const defaults = defaultConfig as unknown as Record<string, unknown>;
    const top = key.split('.')[0] as string;
    expect((loaded.config as unknown as Record<string, unknown>)[top]).toEqual(
      key.includes('.') ? expect.anything() : defaults[top],
    );
    if (text.includes('threads: 2')) expect(loaded.config.model.threads).toBe(2);
    if (text.includes('max_votes: 40')) expect(loaded.config.ab_testing.max_votes).toBe(40);
  });

  it('refuses a file past the size cap without parsing it, and a billion-laughs file by its aliases', () => {
    const huge = load(`watchers:\n  folders:\n${'    - /x\n'.repeat(40_000)}`);
    expect(huge.error?.fallback).toBe('defaults');
    expect(huge.error?.message).toMatch(/larger than 256 KB/);
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const bomb = load(laughs);
    expect(bomb.error?.fallback).toBe('defaults');
    expect(bomb.config).toEqual(defaultConfig);
  });

  it('reads deep nesting, a BOM and a directory in place of the file as clear errors', () => {
    expect(load(`model: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`).error?.message).toMatch(
      /nests deeper than 32 levels at line 1/,
    );
    expect(load(Buffer.from('\uFEFFab_testing:\n  max_votes: 40\n')).config.ab_testing.max_votes).toBe(40);
    rmSync(join(hostile, 'config.yaml'));
    mkdirSync(join(hostile, 'config.yaml'));
    expect(loadConfig(hostile).error?.message).toMatch(/cannot be read/);
  });
});
