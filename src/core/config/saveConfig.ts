import { randomUUID } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, parseDocument } from 'yaml';
import { toConfigIssues } from '../../shared/values/configIssues';
import { type Config, configSchema } from '../../shared/values/configSchema';
import { configLeafPaths, configValueAt, defaultAt } from '../../shared/values/suggestConfigKey';
import { ConfigError } from './configError';
import { configPath } from './loadConfig';

const HEADER = ' tinyArms settings. Only the settings that differ from the defaults need to be here.';

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Drops keys that are not settings, so a typo the user was warned about does not survive a save. */
function dropUnknownKeys(doc: Document, node: unknown, prefix: string[]) {
  if (!isMap(node)) return;
  for (const pair of [...node.items]) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    const path = [...prefix, key];
    if (defaultAt(path) === undefined) doc.deleteIn(path);
    else dropUnknownKeys(doc, pair.value, path);
  }
}

/**
 * The user's own document with `config` written into it, so their comments and key order survive:
 * settings already in the file are updated, non-default ones are added, default ones are not.
 * `null` when the file cannot be edited in place (broken YAML, odd shapes).
 */
function editInPlace(existing: string, config: Config): Document | null {
  const doc = parseDocument(existing, { resolveKnownTags: false });
  if (doc.errors.length > 0) return null;
  try {
    if (doc.contents !== null && !isMap(doc.contents)) return null;
    dropUnknownKeys(doc, doc.contents, []);
    for (const path of configLeafPaths()) {
      const value = configValueAt(config, path);
      if (doc.hasIn(path) || !isDeepStrictEqual(value, defaultAt(path))) doc.setIn(path, value);
    }
    const reread = configSchema.safeParse(doc.toJS() ?? {});
    return reread.success && isDeepStrictEqual(reread.data, config) ? doc : null;
  } catch {
    return null;
  }
}

/** A fresh document holding only the settings that differ from the defaults. */
function minimalDocument(config: Config): Document {
  const doc = new Document({});
  for (const path of configLeafPaths()) {
    const value = configValueAt(config, path);
    if (!isDeepStrictEqual(value, defaultAt(path))) doc.setIn(path, value);
  }
  doc.commentBefore = HEADER;
  return doc;
}

function writeAtomically(path: string, text: string) {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    // Makes the rename itself durable; directories cannot be opened this way on Windows.
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Best effort: the file content is already synced.
  }
}

/**
 * Writes `config` to `<dataDir>/config.yaml`; only on an explicit user action (Preferences, `settings
 * set`). Validates first and throws a `ConfigError` without touching the file if `config` is invalid.
 * The write is atomic (temp file + rename): a crash leaves the old file or the new one, never half.
 * The user's comments and ordering are kept when their file is valid YAML; a file that was not
 * is copied to `config.yaml.bak` before being replaced. Unknown keys are dropped.
 *
 * @returns the path written
 */
export function saveConfig(dataDir: string, config: Config): string {
  const path = configPath(dataDir);
  const checked = configSchema.safeParse(config, { reportInput: true });
  if (!checked.success) throw new ConfigError(path, toConfigIssues(checked.error.issues));

  mkdirSync(dataDir, { recursive: true });
  const existing = readIfExists(path);
  const edited = existing === null ? null : editInPlace(existing, checked.data);
  if (existing !== null && edited === null && parseDocument(existing).errors.length > 0) {
    copyFileSync(path, `${path}.bak`);
  }
  const doc = edited ?? minimalDocument(checked.data);
  writeAtomically(path, doc.toString());
  return path;
}
