import { isDeepStrictEqual } from 'node:util';
import type { SettingsView } from '../../shared/ipc/settingsSchemas';
import { settingsIssues } from '../../shared/ipc/settingsSchemas';
import { type Config, ConfigError, configSchema, defaultConfig, loadConfig, updateConfig } from '../config';
import { configPath } from '../config/loadConfig';
import { UserInputError } from '../coreContext';
import { type Changed, changes } from './appChanges';
import type { CoreRef } from './coreRef';

/** A problem with one setting, shown beside its field. */
export interface SettingIssue {
  key: string;
  problem: string;
}

/**
 * Switches the running core to `config`, and says what that changed: the settings in force (or
 * what is wrong with the file), and whether the watched sources moved (only then do the folder
 * watchers need a re-sync: they read nothing but `watchers`).
 */
function adopt(core: CoreRef, config: Config, error: ConfigError | null) {
  const before = core.ctx.config;
  const beforeError = core.configError?.message ?? null;
  core.ctx = { ...core.ctx, config };
  core.configError = error;
  return changes({
    config: !isDeepStrictEqual(before, config) || beforeError !== (error?.message ?? null),
    intake: !isDeepStrictEqual(before.watchers, config.watchers),
  });
}

function settingsView(core: CoreRef): SettingsView {
  return {
    config: core.ctx.config,
    defaults: defaultConfig,
    path: configPath(core.ctx.dataDir),
    fileProblem: core.configError
      ? { message: core.configError.message, issues: [...core.configError.issues] }
      : null,
  };
}

/** The settings as config.yaml holds them now (a hand edit made meanwhile comes into force here). */
export function readSettings(core: CoreRef): Changed<SettingsView> {
  const loaded = loadConfig(core.ctx.dataDir);
  const changed = adopt(core, loaded.config, loaded.error);
  return { value: settingsView(core), changed };
}

/**
 * Validates, writes the keys that differ from `base` into config.yaml as it is now (atomically;
 * hand edits made meanwhile are kept), and switches the running core over. A key changed both here
 * and in the file is answered as an issue on that key, with nothing written.
 */
export function saveSettings(
  core: CoreRef,
  candidate: unknown,
  base: Config,
): Changed<{ saved: true; settings: SettingsView } | { saved: false; issues: SettingIssue[] }> {
  const issues = settingsIssues(candidate);
  if (issues.length > 0) return { value: { saved: false, issues }, changed: changes({}) };
  let changed: ReturnType<typeof adopt>;
  try {
    const update = updateConfig(core.ctx.dataDir, base, configSchema.parse(candidate));
    changed = adopt(core, update.config, update.error);
  } catch (error) {
    if (error instanceof ConfigError && error.issues.length > 0)
      return { value: { saved: false, issues: [...error.issues] }, changed: changes({}) };
    throw error;
  }
  return { value: { saved: true, settings: settingsView(core) }, changed };
}

/** Every setting back to its default, applied to the file as it is now. */
export function resetSettings(core: CoreRef): Changed<SettingsView> {
  const saved = saveSettings(core, structuredClone(defaultConfig), loadConfig(core.ctx.dataDir).config);
  if (!saved.value.saved) throw new Error('the default settings do not validate');
  return { value: saved.value.settings, changed: saved.changed };
}

/** Pauses or resumes every scheduled evolution (`evolution.paused`). */
export function pauseEvolution(core: CoreRef, paused: boolean): Changed<{ paused: boolean }> {
  const base = core.ctx.config;
  const saved = saveSettings(core, { ...base, evolution: { ...base.evolution, paused } }, base);
  if (!saved.value.saved)
    throw new UserInputError(saved.value.issues.map((i) => `${i.key} ${i.problem}`).join('; '));
  return { value: { paused: core.ctx.config.evolution.paused }, changed: saved.changed };
}
