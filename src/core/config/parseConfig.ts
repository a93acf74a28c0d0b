import type { z } from 'zod';
import { type ConfigIssue, toConfigIssues } from '../../shared/values/configIssues';
import { type Config, configSchema, defaultConfig } from '../../shared/values/configSchema';
import { isPlainObject } from '../../shared/values/suggestConfigKey';
import { ConfigError } from './configError';

type Path = readonly PropertyKey[];

/** The config to use, and the error to show if the input was not entirely valid. */
export interface ParsedConfig {
  config: Config;
  error: ConfigError | null;
}

// Each pass removes at least one offending key; a handful of passes covers the cross-field rules.
const MAX_REPAIR_PASSES = 8;

function has(root: unknown, path: Path): boolean {
  let node = root;
  for (const key of path) {
    if (!isPlainObject(node) || typeof key !== 'string' || !Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return true;
}

/** Deletes the value at `path`; a bad list item takes its whole list with it. */
function remove(root: Record<string, unknown>, path: Path): boolean {
  const firstIndex = path.findIndex((key) => typeof key !== 'string');
  const target = firstIndex === -1 ? path : path.slice(0, firstIndex);
  if (target.length === 0 || !has(root, target)) return false;
  let node: Record<string, unknown> = root;
  for (const key of target.slice(0, -1)) node = node[key as string] as Record<string, unknown>;
  delete node[target[target.length - 1] as string];
  return true;
}

/** Removes what `issue` blames from `candidate`; false when nothing could be removed. */
function removeOffending(candidate: Record<string, unknown>, issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => remove(candidate, [...issue.path, key])).some(Boolean);
  }
  if (remove(candidate, issue.path)) return true;
  // A cross-field rule blamed a key the user did not write (its default): drop the key they did write.
  if (issue.code === 'custom' && issue.params) {
    const { localPath, related } = issue.params as { localPath: string[]; related: string[][] };
    const base = issue.path.slice(0, issue.path.length - localPath.length);
    return related.some((path) => remove(candidate, [...base, ...path]));
  }
  return false;
}

function addUnique(into: ConfigIssue[], more: readonly ConfigIssue[]) {
  for (const issue of more) {
    if (!into.some((known) => known.key === issue.key && known.problem === issue.problem)) into.push(issue);
  }
}

/**
 * Parses a user's settings (the YAML document as data). An empty document is all defaults. Invalid
 * keys fall back to their defaults while the user's valid settings are kept; if that cannot be done
 * (the document is not a mapping) the whole config is the defaults. Every problem found on the way
 * is reported, not only the first.
 *
 * @param file - named in the error message; `null` when the input did not come from a file
 */
export function parseConfig(raw: unknown, file: string | null): ParsedConfig {
  const input = raw ?? {};
  const first = configSchema.safeParse(input, { reportInput: true });
  if (first.success) return { config: first.data, error: null };

  const issues = toConfigIssues(first.error.issues);
  let zodIssues = first.error.issues;
  const candidate: unknown = structuredClone(input);
  for (let pass = 0; pass < MAX_REPAIR_PASSES && isPlainObject(candidate); pass++) {
    const target = candidate;
    const removed = zodIssues.map((issue) => removeOffending(target, issue)).some(Boolean);
    if (!removed) break;
    const next = configSchema.safeParse(candidate, { reportInput: true });
    if (next.success) {
      return { config: next.data, error: new ConfigError(file, issues, 'valid-settings-kept') };
    }
    addUnique(issues, toConfigIssues(next.error.issues));
    zodIssues = next.error.issues;
  }
  return { config: structuredClone(defaultConfig), error: new ConfigError(file, issues, 'defaults') };
}
