import { type Clock, systemClock } from './clock';
import { type ConfigError, loadConfig } from './config';
import type { CoreContext } from './coreContext';
import { syncPromptFiles } from './evolution/promptFiles';
import { syncExampleBank } from './examples/exampleBank';
import { type Rng, systemRng } from './rng';
import { skills } from './skills/skillRegistry';
import { openStore } from './store/openStore';
import { canWriteDatabase, ReadOnlyDataError } from './store/readOnlyDatabase';
import { settleRenameIntents } from './suggestions/settleRenameIntents';

export interface OpenCoreOptions {
  dataDir: string;
  clock?: Clock;
  rng?: Rng;
  /** better-sqlite3 binary for a non-Node ABI (Electron in dev). */
  nativeBinding?: string;
  /**
   * `read`: a folder this process may not write is opened read-only (a copy of its database) instead
   * of failing; nothing is migrated, synced or settled. `write` refuses such a folder with a
   * {@link ReadOnlyDataError}. @default 'write'
   */
  access?: 'read' | 'write';
}

export interface OpenedCore {
  ctx: CoreContext;
  /** A broken config file: the defaults (or the file's valid keys) are in use; tell the user. */
  configError: ConfigError | null;
  /** Opened from a read-only folder: what is stored, nothing updated; writes fail. */
  readOnly: boolean;
  close(): void;
}

/**
 * Opens the data folder the app and the CLI share: config, database (checked and migrated), the
 * built-in skills registered with their v1 prompts, readable prompt files in place.
 */
export function openCore(options: OpenCoreOptions): OpenedCore {
  const clock = options.clock ?? systemClock;
  const loaded = loadConfig(options.dataDir);
  const readOnly = !canWriteDatabase(options.dataDir);
  if (readOnly && options.access !== 'read')
    throw new ReadOnlyDataError(
      `the data folder ${options.dataDir} is read-only and this records changes; make it writable`,
    );
  const { backup_every_writes: writes, backup_every_hours: hours } = loaded.config.database;
  const store = openStore(options.dataDir, {
    clock,
    ...(readOnly ? { readOnly } : { backupEvery: { writes, ms: hours * 3_600_000 } }),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const ctx: CoreContext = {
    dataDir: options.dataDir,
    store,
    config: loaded.config,
    clock,
    rng: options.rng ?? systemRng,
  };
  try {
    if (!readOnly) prepare(ctx);
  } catch (error) {
    store.close();
    throw error;
  }
  return { ctx, configError: loaded.error, readOnly, close: () => store.close() };
}

/** Built-in skills registered, prompt files and the example bank in step, interrupted renames settled. */
function prepare(ctx: CoreContext): void {
  const { store, dataDir } = ctx;
  const now = ctx.clock.now();
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
    syncPromptFiles(dataDir, store.prompts.listVersions(skill.id));
  syncExampleBank(store);
  settleRenameIntents(ctx);
}
