import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../shared/values/configSchema';
import { defaultConfig } from '../../shared/values/configSchema';
import { ConfigError } from './configError';
import { parseConfig } from './parseConfig';
import { CONTROL_CHARACTER, readConfigYaml } from './readConfigYaml';

export const CONFIG_FILE_NAME = 'config.yaml';
/** A settings file is a few kilobytes; anything past this is not one (and would cost every command). */
export const CONFIG_MAX_BYTES = 256 * 1024;
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

/** The file's bytes, or why it is not a settings file; reads at most one byte past the cap. */
function readCapped(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    const buffer = Buffer.alloc(CONFIG_MAX_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > CONFIG_MAX_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * The bytes as text (a leading BOM dropped), or why they are not: a settings file is UTF-8 without
 * NULs or other control characters (YAML forbids them; a run of NULs is what a crash leaves behind).
 */
function decodeText(bytes: Buffer): { text: string } | { problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = bytes.toString('utf8');
    return {
      problem: `is not UTF-8 text (line ${lineOf(loose, loose.indexOf('\uFFFD'))}); save it as UTF-8`,
    };
  }
  text = text.replace(/^\uFEFF/, '');
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const what = control[0] === '\u0000' ? 'a NUL byte' : 'a control character';
    return {
      problem: `contains ${what} at line ${lineOf(text, control.index)}, which a settings file (plain text) does not`,
    };
  }
  return { text };
}

/**
 * Reads `<dataDir>/config.yaml`. Never throws and never writes: a missing file gives the defaults
 * with no error; an unreadable file or broken YAML gives the defaults and an error naming the line;
 * invalid or unknown keys give an error naming each key, and a config that keeps the user's valid
 * settings with defaults for the rest (`error.fallback` says which happened).
 */
export function loadConfig(dataDir: string): LoadedConfig {
  const path = configPath(dataDir);
  const fallback = (problem: string, key = ''): LoadedConfig => ({
    config: structuredClone(defaultConfig),
    path,
    error: new ConfigError(path, [{ key, problem }], 'defaults'),
  });

  let bytes: Buffer;
  try {
    bytes = readCapped(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { config: structuredClone(defaultConfig), path, error: null };
    if (code === 'EFBIG')
      return fallback(`is larger than ${CONFIG_MAX_BYTES / 1024} KB, which no settings file is`);
    return fallback(`cannot be read (${code ?? String(error)})`);
  }
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return fallback(decoded.problem);

  const read = readConfigYaml(decoded.text);
  if (!read.ok) return fallback(read.issue.problem, read.issue.key);
  const parsed = parseConfig(read.raw, path);
  if (read.issues.length === 0) return { ...parsed, path };
  const issues = [...read.issues, ...(parsed.error?.issues ?? [])];
  return {
    config: parsed.config,
    path,
    error: new ConfigError(path, issues, parsed.error?.fallback ?? 'valid-settings-kept'),
  };
}
