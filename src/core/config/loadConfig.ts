import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { ConfigError } from './configError';
import type { Config } from './configSchema';
import { defaultConfig } from './configSchema';
import { parseConfig } from './parseConfig';

export const CONFIG_FILE_NAME = 'config.yaml';

/** Where the settings file of a data folder lives. */
export function configPath(dataDir: string): string {
  return join(dataDir, CONFIG_FILE_NAME);
}

/** Whether the user has a settings file (otherwise every setting is its default). */
export function configFileExists(dataDir: string): boolean {
  return existsSync(configPath(dataDir));
}

export interface LoadedConfig {
  config: Config;
  /** The file that was (or would be) read. */
  path: string;
  /** Why the file was not used as written; `config` then holds the fallback it names. */
  error: ConfigError | null;
}

function yamlProblem(error: unknown): string {
  if (error instanceof YAMLParseError) {
    const where = error.linePos?.[0];
    const firstLine = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
    return where ? `line ${where.line}, column ${where.col}: ${firstLine}` : firstLine;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads `<dataDir>/config.yaml`. Never throws and never writes: a missing file gives the defaults
 * with no error; an unreadable file or broken YAML gives the defaults and an error naming the line;
 * invalid or unknown keys give an error naming each key, and a config that keeps the user's valid
 * settings with defaults for the rest (`error.fallback` says which happened).
 */
export function loadConfig(dataDir: string): LoadedConfig {
  const path = configPath(dataDir);
  const fallback = (problem: string): LoadedConfig => ({
    config: structuredClone(defaultConfig),
    path,
    error: new ConfigError(path, [{ key: '', problem }], 'defaults'),
  });

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: structuredClone(defaultConfig), path, error: null };
    }
    return fallback(`cannot be read (${(error as NodeJS.ErrnoException).code ?? yamlProblem(error)})`);
  }

  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    return fallback(`is not valid YAML at ${yamlProblem(error)}`);
  }
  return { ...parseConfig(raw, path), path };
}
