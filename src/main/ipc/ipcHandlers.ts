import { basename } from 'node:path';
import { answerWatcherSuggestion } from '../../core/app/answerWatcherSuggestion';
import { type AppChanges, anyChange, type Changed, changes } from '../../core/app/appChanges';
import { pauseEvolution, readSettings, resetSettings, saveSettings } from '../../core/app/appSettings';
import type { CoreRef } from '../../core/app/coreRef';
import { historyView, promptDiffView } from '../../core/app/historyView';
import {
  type AppModels,
  appModelStatus,
  cancelModelDownload,
  startModelDownload,
} from '../../core/app/modelDownload';
import { stateSnapshot } from '../../core/app/stateSnapshot';
import { voteOnComparison } from '../../core/app/voteOnComparison';
import type { CoreContext } from '../../core/coreContext';
import { promoteVariant } from '../../core/evolution/abVoting';
import { rollback } from '../../core/evolution/promotion';
import { storeJudgeKey } from '../../core/judge/judgeKey';
import type { SecretStore } from '../../core/secrets/secretStore';
import { requireInstalledSkill } from '../../core/skills/requireInstalledSkill';
import { undoRename } from '../../core/suggestions/undoRename';
import type { IntakeProgressView, PickPurpose } from '../../shared/ipc/suggestionSchemas';
import { SecretStorageUnavailableError } from '../safeStorageSecretStore';
import { type IpcHandlers, ServiceUnavailableError } from './dispatchIpc';

/** What the handlers need; the model and breeder are optional so the app runs (and tests) without them. */
export interface IpcServices {
  readonly core: CoreRef;
  readonly appVersion: string;
  /** The model layer (the core's model downloads); absent → `{ state: 'unavailable' }`. */
  readonly models?: AppModels;
  /** Where API keys live (the OS keychain through safeStorage in the app); absent → unavailable. */
  readonly secrets?: SecretStore;
  /** Starts a breeder run in the background and answers the new session's id once it is stored. */
  readonly startEvolution?: (
    ctx: CoreContext,
    skill: string,
  ) => { session: string } | Promise<{ session: string }>;
  /** Stops the breeding run in progress; `false` when none runs. */
  readonly cancelEvolution?: () => boolean;
  /** Opens or focuses the preferences window (main's window controller). */
  readonly openPreferences?: () => void;
  /** The watcher queue's progress; absent → idle (no watchers in this process). */
  readonly intakeProgress?: () => IntakeProgressView;
  /** The system picker (Electron's dialog in the app); answers the chosen path or `null`. */
  readonly pickPath?: (purpose: PickPurpose) => Promise<string | null>;
  /**
   * Called once per call that changed something, with what its use case changed: main pushes one
   * snapshot, and re-syncs the folder watchers only when `intake` is set.
   */
  readonly onChange?: (changed: AppChanges) => void;
}

/**
 * One handler per contract channel, each a thin call into the core. Requests arrive parsed
 * (`dispatchIpc`); problems the user can fix are thrown as `UserInputError`/`ConfigError` and reach
 * the page as typed errors.
 */
export function createIpcHandlers(services: IpcServices): IpcHandlers {
  const { core } = services;
  const model = () => appModelStatus(services.models);
  /** Runs `use` on the secret store; no usable keychain is said in the user's words, not as an internal failure. */
  const keychain = async <T>(use: (store: SecretStore) => Promise<T>): Promise<T> => {
    if (!services.secrets) {
      throw new ServiceUnavailableError(
        'Keeping an API key needs the system keychain, which is not available here.',
      );
    }
    try {
      return await use(services.secrets);
    } catch (error) {
      if (error instanceof SecretStorageUnavailableError)
        throw new ServiceUnavailableError(`${error.message}.`);
      throw error;
    }
  };
  const models = () => {
    if (!services.models) {
      throw new ServiceUnavailableError(
        'Downloading a model needs the model layer, which is not running here.',
      );
    }
    return services.models;
  };
  const report = (changed: AppChanges) => {
    if (!anyChange(changed)) return;
    try {
      services.onChange?.(changed);
    } catch {
      // A failing push must not turn a committed vote into an error.
    }
  };
  /** The use case's answer, once main was told what it changed. */
  const reported = <T>({ value, changed }: Changed<T>): T => {
    report(changed);
    return value;
  };
  const wrote = changes({ database: true });

  return {
    getState: () =>
      stateSnapshot(core.ctx, {
        appVersion: services.appVersion,
        model: model(),
        configError: core.configError,
        ...(services.intakeProgress ? { intake: services.intakeProgress() } : {}),
      }),

    vote: (request) => reported(voteOnComparison(core.ctx, request)),

    getHistory: ({ skill }) => historyView(core.ctx, skill),

    getPromptDiff: ({ skill, from, to }) => promptDiffView(core.ctx, skill, from, to),

    promote: ({ skill, variant }) => {
      const result = promoteVariant(core.ctx, skill, variant);
      report(wrote);
      return { skill, version: result.version.version, session: result.session.id };
    },

    rollback: ({ skill, toVersion }) => {
      const result = rollback(core.ctx, skill, toVersion === undefined ? {} : { toVersion });
      report(wrote);
      return { skill, from: result.from, restored: result.restored, version: result.version.version };
    },

    startEvolution: async ({ skill }) => {
      requireInstalledSkill(core.ctx, skill);
      if (!services.startEvolution) {
        throw new ServiceUnavailableError('Evolving a prompt needs the model, which is not running here.');
      }
      const started = await services.startEvolution(core.ctx, skill);
      report(wrote);
      return started;
    },

    cancelEvolution: () => {
      const cancelled = services.cancelEvolution?.() ?? false;
      if (cancelled) report(wrote);
      return { cancelled };
    },

    pauseAllEvolution: ({ paused }) => reported(pauseEvolution(core, paused)),

    getSettings: () => reported(readSettings(core)),

    setSettings: ({ config, base }) => reported(saveSettings(core, config, base)),

    resetSettings: () => reported(resetSettings(core)),

    getModelStatus: () => model(),

    downloadModel: ({ model: requested }) => reported(startModelDownload(core.ctx, models(), requested)),

    cancelModelDownload: () => reported(cancelModelDownload(models())),

    getJudgeKey: () =>
      keychain(async (store) => ({
        stored: (await store.get('judge-api-key')) !== null,
        where: store.describe('judge-api-key'),
      })),

    setJudgeKey: ({ key }) =>
      keychain(async (store) => {
        // The key may only ever be sent to the address it was entered for.
        await storeJudgeKey(store, key, core.ctx.config.judge.cloud.base_url);
        return { stored: key !== null, where: store.describe('judge-api-key') };
      }),

    answerSuggestion: (request) => reported(answerWatcherSuggestion(core.ctx, request)),

    undoRename: ({ task }) => {
      const undone = undoRename(core.ctx, task);
      report(wrote);
      return { task: undone.task, restored: basename(undone.restored), message: undone.message };
    },

    pickPath: async ({ purpose }) => {
      if (!services.pickPath) throw new ServiceUnavailableError('There is no file picker here.');
      return { path: await services.pickPath(purpose) };
    },

    openPreferences: () => {
      if (!services.openPreferences)
        throw new ServiceUnavailableError('There is no preferences window here.');
      services.openPreferences();
      return { opened: true };
    },
  };
}
