import { type Clock, systemClock } from './clock';
import { type ConfigError, loadConfig } from './config';
import type { CoreContext } from './coreContext';
import { syncPromptFiles } from './evolution/promptFiles';
import { syncExampleBank } from './examples/exampleBank';
import { type Rng, systemRng } from './rng';
import { skills } from './skills/skillRegistry';
import { openStore } from './store/openStore';
import { settleRenameIntents } from './suggestions/settleRenameIntents';

export interface OpenCoreOptions {
  dataDir: string;
  clock?: Clock;
  rng?: Rng;
  /** better-sqlite3 binary for a non-Node ABI (Electron in dev). */
  nativeBinding?: string;
}

export interface OpenedCore {
  ctx: CoreContext;
  /** A broken config file: the defaults (or the file's valid keys) are in use; tell the user. */
  configError: ConfigError | null;
  close(): void;
}

/**
 * Opens the data folder the app and the CLI share: config, database (checked and migrated), the
 * built-in skills registered with their v1 prompts, readable prompt files in place.
 */
export function openCore(options: OpenCoreOptions): OpenedCore {
  const clock = options.clock ?? systemClock;
  const loaded = loadConfig(options.dataDir);
  const { backup_every_writes: writes, backup_every_hours: hours } = loaded.config.database;
  const store = openStore(options.dataDir, {
    clock,
    backupEvery: { writes, ms: hours * 3_600_000 },
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const now = clock.now();
    for (const skill of skills) {
      store.prompts.ensureSkill(
        {
          id: skill.id,
          name: skill.name,
          description: skill.description,
          template: skill.promptV1,
          examplePolicy: skill.examplePolicyV1,
        },
        now,
      );
    }
    for (const skill of store.prompts.listSkills())
      syncPromptFiles(options.dataDir, store.prompts.listVersions(skill.id));
    syncExampleBank(store);
  } catch (error) {
    store.close();
    throw error;
  }
  const ctx: CoreContext = {
    dataDir: options.dataDir,
    store,
    config: loaded.config,
    clock,
    rng: options.rng ?? systemRng,
  };
  try {
    settleRenameIntents(ctx);
  } catch (error) {
    store.close();
    throw error;
  }
  return { ctx, configError: loaded.error, close: () => store.close() };
}
