import { isDeepStrictEqual } from 'node:util';
import { type ConfigIssue, describeValue } from '../../shared/values/configIssues';
import type { Config } from '../../shared/values/configSchema';
import { configLeafPaths, configValueAt, formatKeyPath } from '../../shared/values/suggestConfigKey';
import { ConfigError } from './configError';
import { configPath, type LoadedConfig, loadConfig } from './loadConfig';
import { saveConfig } from './saveConfig';

function withValueAt(config: Config, path: readonly string[], value: unknown): Config {
  const next = structuredClone(config) as unknown as Record<string, unknown>;
  let parent = next;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[path[path.length - 1] as string] = structuredClone(value);
  return next as unknown as Config;
}

/** The settings as they now are in the file (as {@link loadConfig} reads them), and what this update changed. */
export interface ConfigUpdate extends LoadedConfig {
  /** The settings this surface changed (key paths), e.g. `['evolution.paused']`; `[]` wrote nothing. */
  changed: string[];
}

/**
 * Writes the settings a surface changed, and nothing else: `next` is compared with `base` (what the
 * surface read), the file is read again, and only the changed keys are applied to what it holds now,
 * so an edit made by hand (or by another surface) since `base` was read is kept, comments included.
 * A key changed both here and in the file to different values is a conflict: nothing is written and
 * a {@link ConfigError} names the key, the file's value and this surface's value.
 */
export function updateConfig(dataDir: string, base: Config, next: Config): ConfigUpdate {
  const path = configPath(dataDir);
  const current = loadConfig(dataDir).config;
  const changed = configLeafPaths().filter(
    (key) => !isDeepStrictEqual(configValueAt(base, key), configValueAt(next, key)),
  );
  const conflicts: ConfigIssue[] = [];
  let merged = current;
  for (const key of changed) {
    const mine = configValueAt(next, key);
    const theirs = configValueAt(current, key);
    if (!isDeepStrictEqual(theirs, configValueAt(base, key)) && !isDeepStrictEqual(theirs, mine)) {
      conflicts.push({
        key: formatKeyPath(key),
        problem: `was changed in the file to ${describeValue(theirs)} while this change set it to ${describeValue(mine)}; nothing was saved, look again and retry`,
      });
      continue;
    }
    merged = withValueAt(merged, key, mine);
  }
  if (conflicts.length > 0) throw new ConfigError(path, conflicts);
  if (changed.length > 0) saveConfig(dataDir, merged);
  return { ...loadConfig(dataDir), changed: changed.map(formatKeyPath) };
}
