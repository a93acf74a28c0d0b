import type { Config } from '../config';
import { UserInputError } from '../coreContext';
import type { DownloadProgress } from './downloadModel';
import { findModelEntry, modelManifest } from './modelManifest';
import { modelStatus } from './modelStatus';
import { resolveModel } from './openLanguageModel';
import { type PullModelOptions, type PullResult, pullModel } from './pullModel';

/** The configured model as a surface shows it: what to offer (download, resume, retry) follows from it. */
export type ModelAvailability =
  | { state: 'missing'; model: string; reason: string; partialBytes: number; sizeBytes: number | null }
  | { state: 'downloading'; model: string; received: number; total: number | null }
  | { state: 'ready'; model: string; loaded: boolean }
  | { state: 'error'; model: string; message: string; partialBytes: number; sizeBytes: number | null };

/** One progress report of the running download. */
export interface ModelDownloadProgress {
  model: string;
  received: number;
  total: number | null;
  /** Bytes per second of this session; `null` before the first measurement. */
  rate: number | null;
  etaSeconds: number | null;
}

export interface ModelDownloadsOptions {
  dataDir: string;
  /** The settings in force (re-read on every call: the user may pick another model meanwhile). */
  config: () => Pick<Config, 'model'>;
  /** Whether the configured model is in memory now. @default () => false */
  isLoaded?: () => boolean;
  /** Replaces the Hugging Face host (`HF_ENDPOINT`). */
  endpoint?: string | undefined;
  /** Each progress report of the running download. */
  onProgress?: (progress: ModelDownloadProgress) => void;
  /** A download started, finished, failed or was cancelled: the availability changed. */
  onChange?: () => void;
  /** @default pullModel */
  pull?: (options: PullModelOptions) => Promise<PullResult>;
}

export interface ModelDownloads {
  availability(): ModelAvailability;
  /**
   * Starts (or resumes, from the `.part` file an interrupted one left) downloading a manifest model
   * in the background. `started: false` when that model is downloading already.
   *
   * @throws UserInputError for a name that is not in the manifest, or while another model downloads.
   */
  start(model: string): { started: boolean };
  /** Stops the running download, keeping what arrived for a later resume; `false` when none runs. */
  cancel(): boolean;
  /** Resolves when no download is running (at once when none is). */
  idle(): Promise<void>;
}

interface Job {
  model: string;
  controller: AbortController;
  progress: DownloadProgress | null;
  done: Promise<void>;
}

/**
 * The app's model downloads: one at a time, in the background, with progress, cancel and resume,
 * and the configured model's availability for the popover and Preferences. The CLI's `model pull`
 * uses {@link pullModel} directly; both install the same verified file.
 */
export function createModelDownloads(options: ModelDownloadsOptions): ModelDownloads {
  const pull = options.pull ?? pullModel;
  let job: Job | null = null;
  let failure: { model: string; message: string } | null = null;

  const changed = () => {
    try {
      options.onChange?.();
    } catch {
      // A listener's failure is not the download's.
    }
  };

  const onDisk = (model: string) => {
    const entry = modelStatus({ config: options.config(), dataDir: options.dataDir }).models.find(
      (m) => m.id === model,
    );
    return { partialBytes: entry?.partialBytes ?? 0, sizeBytes: entry?.sizeBytes ?? null };
  };

  return {
    availability() {
      const config = options.config();
      const model = config.model.name;
      if (job?.model === model) {
        const total = job.progress?.total ?? findModelEntry(model)?.sizeBytes ?? null;
        return { state: 'downloading', model, received: job.progress?.received ?? 0, total };
      }
      try {
        resolveModel({ config, dataDir: options.dataDir });
        return { state: 'ready', model, loaded: options.isLoaded?.() ?? false };
      } catch (error) {
        if (failure?.model === model)
          return { state: 'error', model, message: failure.message, ...onDisk(model) };
        return {
          state: 'missing',
          model,
          reason: error instanceof Error ? error.message : String(error),
          ...onDisk(model),
        };
      }
    },

    start(model) {
      if (job) {
        if (job.model === model) return { started: false };
        throw new UserInputError(`${job.model} is downloading; cancel it before downloading ${model}`);
      }
      if (!findModelEntry(model)) {
        const known = modelManifest.models.map((m) => m.id).join(', ');
        throw new UserInputError(
          `"${model}" is not a model tinyArms can download (it knows ${known}); a .gguf file of your own needs no download`,
        );
      }
      const controller = new AbortController();
      failure = null;
      const current: Job = { model, controller, progress: null, done: Promise.resolve() };
      current.done = pull({
        dataDir: options.dataDir,
        id: model,
        endpoint: options.endpoint,
        signal: controller.signal,
        onProgress: (progress) => {
          current.progress = progress;
          options.onProgress?.({
            model,
            received: progress.received,
            total: progress.total,
            rate: progress.rate > 0 ? progress.rate : null,
            etaSeconds: progress.etaSeconds,
          });
        },
      }).then(
        () => undefined,
        (error: unknown) => {
          if (controller.signal.aborted) return;
          failure = { model, message: error instanceof Error ? error.message : String(error) };
        },
      );
      job = current;
      void current.done.finally(() => {
        job = null;
        changed();
      });
      changed();
      return { started: true };
    },

    cancel() {
      if (!job) return false;
      job.controller.abort();
      return true;
    },

    idle() {
      return job?.done ?? Promise.resolve();
    },
  };
}
