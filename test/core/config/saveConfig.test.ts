import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/config/configError';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { saveConfig } from '../../../src/core/config/saveConfig';
import { type Config, defaultConfig } from '../../../src/shared/values/configSchema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinyarms-save-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function changed(edit: (config: Config) => void): Config {
  const config = structuredClone(defaultConfig);
  edit(config);
  return config;
}

describe('saveConfig', () => {
  it('round-trips through loadConfig and leaves no temp file behind', () => {
    const config = changed((c) => {
      c.ab_testing.max_votes = 40;
      c.watchers.folders = ['/Users/ada/Downloads'];
      c.model.threads = 2;
      c.judge.cloud.base_url = 'https://llm.example.com/v1';
    });
    const path = saveConfig(join(dir, 'nested'), config);
    expect(path).toBe(join(dir, 'nested', 'config.yaml'));
    expect(loadConfig(join(dir, 'nested'))).toEqual({ config, path, error: null });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['config.yaml']);
  });

  it('writes only the settings that differ from the defaults', () => {
    saveConfig(
      dir,
      changed((c) => {
        c.evolution.paused = true;
      }),
    );
    const text = readFileSync(join(dir, 'config.yaml'), 'utf8');
    expect(text).toContain('paused: true');
    expect(text).not.toContain('sample_size');
  });

  it("keeps the user's comments and keys when updating their file", () => {
    writeFileSync(join(dir, 'config.yaml'), '# my settings\ntriggers:\n  sample_size: 30 # more data\n');
    saveConfig(
      dir,
      changed((c) => {
        c.triggers.sample_size = 25;
        c.ab_testing.max_votes = 40;
      }),
    );
    const text = readFileSync(join(dir, 'config.yaml'), 'utf8');
    expect(text).toContain('# my settings');
    expect(text).toContain('sample_size: 25 # more data');
    expect(loadConfig(dir).config.ab_testing.max_votes).toBe(40);
  });

  it('drops unknown keys and replaces invalid values already in the file', () => {
    writeFileSync(join(dir, 'config.yaml'), 'trigers: {}\nab_testing:\n  min_votes: 80\n');
    saveConfig(dir, defaultConfig);
    expect(loadConfig(dir)).toMatchObject({ config: defaultConfig, error: null });
  });

  it('backs up a broken file before replacing it', () => {
    writeFileSync(join(dir, 'config.yaml'), 'triggers: [oops\n');
    saveConfig(dir, defaultConfig);
    expect(readFileSync(join(dir, 'config.yaml.bak'), 'utf8')).toBe('triggers: [oops\n');
    expect(loadConfig(dir).error).toBeNull();
  });

  it('refuses an invalid config and leaves the file untouched', () => {
    writeFileSync(join(dir, 'config.yaml'), 'evolution:\n  paused: true\n');
    const bad = changed((c) => {
      c.ab_testing.min_votes = 80;
    });
    expect(() => saveConfig(dir, bad)).toThrow(ConfigError);
    expect(() => saveConfig(dir, bad)).toThrow(/ab_testing\.min_votes must be ≤ max_votes \(50\), got 80/);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('evolution:\n  paused: true\n');
    expect(readdirSync(dir)).toEqual(['config.yaml']);
  });

  it('does not create the folder or file for an invalid config', () => {
    const target = join(dir, 'fresh');
    expect(() =>
      saveConfig(
        target,
        changed((c) => {
          c.triggers.sample_size = 0;
        }),
      ),
    ).toThrow(ConfigError);
    expect(existsSync(target)).toBe(false);
  });
});
