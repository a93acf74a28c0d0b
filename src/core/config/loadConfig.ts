import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isPair, parseDocument, visit, YAMLParseError } from 'yaml';
import { ConfigError, type ConfigIssue } from './configError';
import type { Config } from './configSchema';
import { defaultConfig } from './configSchema';
import { parseConfig } from './parseConfig';

export const CONFIG_FILE_NAME = 'config.yaml';
/** A settings file is a few kilobytes; anything past this is not one (and would cost every command). */
export const CONFIG_MAX_BYTES = 256 * 1024;
/** The only tags a settings file needs: YAML's core schema. Others (`!!binary`, `!!set`…) are refused. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

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

/** The file's text, or why it is not a settings file; reads at most one byte past the cap. */
function readCapped(path: string): string {
  const fd = openSync(path, 'r');
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    const buffer = Buffer.alloc(CONFIG_MAX_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > CONFIG_MAX_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return buffer
      .subarray(0, length)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/**
 * The YAML document as data under the core schema, with every value under a tag outside it removed
 * and named: `model: !!binary …` must cost the user that key, not every command.
 */
function readYaml(text: string): { raw: unknown; issues: ConfigIssue[] } {
  const doc = parseDocument(text, { resolveKnownTags: false, prettyErrors: true });
  if (doc.errors.length > 0) throw doc.errors[0];
  const issues: ConfigIssue[] = [];
  visit(doc, {
    Node(_key, node, path) {
      if (!node.tag || CORE_TAGS.has(node.tag)) return undefined;
      const keys = path
        .filter(isPair)
        .map((pair) => String((pair.key as { value?: unknown })?.value ?? pair.key));
      issues.push({
        key: keys.join('.'),
        problem: `uses the YAML tag ${node.tag.replace('tag:yaml.org,2002:', '!!')}, which settings do not take`,
      });
      return visit.REMOVE;
    },
  });
  return { raw: doc.toJS({ maxAliasCount: 100 }), issues };
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
    text = readCapped(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { config: structuredClone(defaultConfig), path, error: null };
    if (code === 'EFBIG')
      return fallback(`is larger than ${CONFIG_MAX_BYTES / 1024} KB, which no settings file is`);
    return fallback(`cannot be read (${code ?? yamlProblem(error)})`);
  }

  let read: ReturnType<typeof readYaml>;
  try {
    read = readYaml(text);
  } catch (error) {
    return fallback(`is not valid YAML at ${yamlProblem(error)}`);
  }
  const parsed = parseConfig(read.raw, path);
  if (read.issues.length === 0) return { ...parsed, path };
  const issues = [...read.issues, ...(parsed.error?.issues ?? [])];
  return {
    config: parsed.config,
    path,
    error: new ConfigError(path, issues, parsed.error?.fallback ?? 'valid-settings-kept'),
  };
}
