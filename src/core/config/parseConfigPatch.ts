import { parse } from 'yaml';
import { type ConfigIssue, toConfigIssues } from '../../shared/values/configIssues';
import { type Config, configSchema } from '../../shared/values/configSchema';
import { defaultAt, isPlainObject, suggestConfigKey } from '../../shared/values/suggestConfigKey';
import { ConfigError } from './configError';

export type ConfigPatchResult = { config: Config; error: null } | { config: null; error: ConfigError };

function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>) {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) mergeInto(current, value);
    else target[key] = value;
  }
}

/**
 * Applies "settings set" style assignments to `base`, e.g. `{ 'ab_testing.min_votes': '20' }`.
 * Values are read as YAML, so `20`, `true`, `null`, `[~/Downloads]` and `top-two` mean what they
 * would in the file; a section takes a mapping that is merged into it, which is how several weights
 * that must sum to 1 are changed at once (`'breeder.mutation_weights': '{direct: 0.4, first_order: 0.2}'`).
 * Nothing is written; pass the result to `saveConfig`. All assignments apply, or none.
 */
export function parseConfigPatch(
  base: Config,
  assignments: Readonly<Record<string, string>>,
): ConfigPatchResult {
  const next = structuredClone(base) as unknown as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  for (const [key, raw] of Object.entries(assignments)) {
    const path = key.split('.');
    const known = defaultAt(path);
    if (known === undefined || path.some((segment) => segment === '')) {
      const suggestion = suggestConfigKey(path.slice(0, -1), path[path.length - 1] ?? '');
      issues.push({
        key,
        problem: `is not a known setting${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = parse(raw);
    } catch {
      issues.push({ key, problem: `has a value that is not valid YAML: ${JSON.stringify(raw)}` });
      continue;
    }
    // `base` is a full config, so every section on a known path exists.
    let parent: Record<string, unknown> = next;
    for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
    const leaf = path[path.length - 1] as string;
    if (isPlainObject(known) && isPlainObject(value))
      mergeInto(parent[leaf] as Record<string, unknown>, value);
    else parent[leaf] = value;
  }
  if (issues.length === 0) {
    const checked = configSchema.safeParse(next, { reportInput: true });
    if (checked.success) return { config: checked.data, error: null };
    issues.push(...toConfigIssues(checked.error.issues));
  }
  return { config: null, error: new ConfigError(null, issues) };
}
