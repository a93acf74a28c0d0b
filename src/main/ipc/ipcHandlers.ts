import { basename } from 'node:path';
import type { CoreRef } from '../../core/app/coreRef';
import { historyView, promptDiffView } from '../../core/app/historyView';
import { sessionStanding } from '../../core/app/pendingChoices';
import { stateSnapshot } from '../../core/app/stateSnapshot';
import {
  type Config,
  ConfigError,
  configSchema,
  defaultConfig,
  loadConfig,
  updateConfig,
} from '../../core/config';
import { configPath } from '../../core/config/loadConfig';
import { type CoreContext, UserInputError } from '../../core/coreContext';
import { promoteVariant, recordVote } from '../../core/evolution/abVoting';
import { rollback } from '../../core/evolution/promotion';
import { requireInstalledSkill } from '../../core/evolution/requireInstalledSkill';
import { storeJudgeKey } from '../../core/judge/judgeKey';
import type { ModelDownloads } from '../../core/llm/modelDownloads';
import type { SecretStore } from '../../core/secrets/secretStore';
import { answerSuggestion } from '../../core/suggestions/answerSuggestion';
import { undoRename } from '../../core/suggestions/undoRename';
import type { SettingsView } from '../../shared/ipc/settingsSchemas';
import { settingsIssues } from '../../shared/ipc/settingsSchemas';
import type { ModelStatus } from '../../shared/ipc/stateSchemas';
import type { IntakeProgressView, PickPurpose } from '../../shared/ipc/suggestionSchemas';
import { SecretStorageUnavailableError } from '../safeStorageSecretStore';
import { type IpcHandlers, ServiceUnavailableError } from './dispatchIpc';

/** What the handlers need; the model and breeder are optional so the app runs (and tests) without them. */
export interface IpcServices {
  readonly core: CoreRef;
  readonly appVersion: string;
  /** The model layer (the core's model downloads); absent → `{ state: 'unavailable' }`. */
  readonly models?: Pick<ModelDownloads, 'availability' | 'start' | 'cancel'>;
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
  /** Called after a handler changed the database or the settings; main pushes a fresh snapshot. */
  readonly onChange?: () => void;
}

const MODEL_UNAVAILABLE: ModelStatus = {
  state: 'unavailable',
  reason: 'The model layer is not running in this process.',
};

/**
 * One handler per contract channel, each a thin call into the core. Requests arrive parsed
 * (`dispatchIpc`); problems the user can fix are thrown as `UserInputError`/`ConfigError` and reach
 * the page as typed errors.
 */
export function createIpcHandlers(services: IpcServices): IpcHandlers {
  const { core } = services;
  const model = (): ModelStatus => services.models?.availability() ?? MODEL_UNAVAILABLE;
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
  const changed = () => {
    try {
      services.onChange?.();
    } catch {
      // A failing push must not turn a committed vote into an error.
    }
  };

  const adoptConfig = (config: Config, error: ConfigError | null) => {
    core.ctx = { ...core.ctx, config };
    core.configError = error;
  };

  const settingsView = (): SettingsView => ({
    config: core.ctx.config,
    defaults: defaultConfig,
    path: configPath(core.ctx.dataDir),
    fileProblem: core.configError
      ? { message: core.configError.message, issues: [...core.configError.issues] }
      : null,
  });

  /**
   * Validates, writes the keys that differ from `base` into config.yaml as it is now (atomically;
   * hand edits made meanwhile are kept), and switches the running core over. A key changed both here
   * and in the file is answered as an issue on that key, with nothing written.
   */
  const save = (candidate: unknown, base: Config): SettingsView | { key: string; problem: string }[] => {
    const issues = settingsIssues(candidate);
    if (issues.length > 0) return issues;
    try {
      const update = updateConfig(core.ctx.dataDir, base, configSchema.parse(candidate));
      adoptConfig(update.config, update.error);
    } catch (error) {
      if (error instanceof ConfigError && error.issues.length > 0) return [...error.issues];
      throw error;
    }
    changed();
    return settingsView();
  };

  return {
    getState: () =>
      stateSnapshot(core.ctx, {
        appVersion: services.appVersion,
        model: model(),
        configError: core.configError,
        ...(services.intakeProgress ? { intake: services.intakeProgress() } : {}),
      }),

    vote: ({ session, task, shown, chosen, key }) => {
      const { ctx } = core;
      if (task !== null && !ctx.store.tasks.getTask(task))
        throw new UserInputError(`no task ${task}`, { code: 'no-task', task });
      const outcome = recordVote(ctx, { session, task, shown, chosen, key });
      const standing = sessionStanding(ctx, session);
      if (outcome.recorded) changed();
      return {
        recorded: outcome.recorded,
        votes: outcome.votes,
        maxVotes: standing.maxVotes,
        status: outcome.session.status,
        decision: outcome.decision
          ? { winner: outcome.decision.winner, reason: outcome.decision.reason, rule: outcome.decision.rule }
          : null,
        promotedVersion: outcome.promoted?.version ?? outcome.session.promotedVersion,
        arms: standing.arms,
        summary: standing.summary,
      };
    },

    getHistory: ({ skill }) => historyView(core.ctx, skill),

    getPromptDiff: ({ skill, from, to }) => promptDiffView(core.ctx, skill, from, to),

    promote: ({ skill, variant }) => {
      const result = promoteVariant(core.ctx, skill, variant);
      changed();
      return { skill, version: result.version.version, session: result.session.id };
    },

    rollback: ({ skill, toVersion }) => {
      const result = rollback(core.ctx, skill, toVersion === undefined ? {} : { toVersion });
      changed();
      return { skill, from: result.from, restored: result.restored, version: result.version.version };
    },

    startEvolution: async ({ skill }) => {
      requireInstalledSkill(core.ctx, skill);
      if (!services.startEvolution) {
        throw new ServiceUnavailableError('Evolving a prompt needs the model, which is not running here.');
      }
      const started = await services.startEvolution(core.ctx, skill);
      changed();
      return started;
    },

    cancelEvolution: () => {
      const cancelled = services.cancelEvolution?.() ?? false;
      if (cancelled) changed();
      return { cancelled };
    },

    pauseAllEvolution: ({ paused }) => {
      const base = core.ctx.config;
      const saved = save({ ...base, evolution: { ...base.evolution, paused } }, base);
      if (Array.isArray(saved))
        throw new UserInputError(saved.map((i) => `${i.key} ${i.problem}`).join('; '));
      return { paused: core.ctx.config.evolution.paused };
    },

    getSettings: () => {
      const loaded = loadConfig(core.ctx.dataDir);
      adoptConfig(loaded.config, loaded.error);
      return settingsView();
    },

    setSettings: ({ config, base }) => {
      const saved = save(config, base);
      return Array.isArray(saved) ? { saved: false, issues: saved } : { saved: true, settings: saved };
    },

    resetSettings: () => {
      // Everything back to its default, from the file as it is now.
      const saved = save(structuredClone(defaultConfig), loadConfig(core.ctx.dataDir).config);
      if (Array.isArray(saved)) throw new Error('the default settings do not validate');
      return saved;
    },

    getModelStatus: () => model(),

    downloadModel: ({ model: requested }) => {
      const name = requested ?? core.ctx.config.model.name;
      const { started } = models().start(name);
      return { model: name, started };
    },

    cancelModelDownload: () => ({ cancelled: models().cancel() }),

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

    answerSuggestion: ({ task, answer }) => {
      const outcome = answerSuggestion(core.ctx, task, answer);
      changed();
      return {
        task: outcome.task,
        status: outcome.status,
        verdict: outcome.verdict,
        renamedTo: outcome.renamedTo === null ? null : basename(outcome.renamedTo),
        message: outcome.message,
      };
    },

    undoRename: ({ task }) => {
      const undone = undoRename(core.ctx, task);
      changed();
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
