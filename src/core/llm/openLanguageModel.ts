import { existsSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { Config } from '../config';
import { UserInputError } from '../coreContext';
import { defaultThreads } from './defaultThreads';
import { createLocalModel, type LocalModel } from './localModel';
import { findModelEntry, type ModelEntry, modelManifest } from './modelManifest';
import { installedModelPath } from './modelsDir';

export interface OpenLanguageModelOptions {
  config: Pick<Config, 'model'>;
  dataDir: string;
  /** `--model` or `TINYARMS_MODEL`: a manifest id or a `.gguf` path; wins over config `model.name`. */
  override?: string | undefined;
  /** Base for a relative `.gguf` path. @default process.cwd() */
  cwd?: string;
}

/** Which file a model name points at, before anything is loaded. */
export interface ResolvedModel {
  id: string;
  path: string;
  /** `null` for a local `.gguf` path outside the manifest. */
  entry: ModelEntry | null;
}

/** A model name that cannot be used: unknown id, not downloaded, or no such file. */
export class ModelNotAvailableError extends UserInputError {}

const opened = new Map<string, LocalModel>();

/**
 * Resolves a model name: a manifest id maps to its file in `<dataDir>/models/`; anything ending in
 * `.gguf` or containing a path separator is a local file.
 *
 * @throws ModelNotAvailableError naming the `tinyarms model pull <id>` to run when it is missing.
 */
export function resolveModel(options: OpenLanguageModelOptions): ResolvedModel {
  const name = options.override?.trim() || options.config.model.name;
  if (name.endsWith('.gguf') || name.includes('/') || name.includes('\\')) {
    const path = isAbsolute(name) ? name : resolve(options.cwd ?? process.cwd(), name);
    if (!existsSync(path)) throw new ModelNotAvailableError(`model file ${path} does not exist`);
    return { id: basename(path), path, entry: null };
  }
  const entry = findModelEntry(name);
  if (!entry) {
    const known = modelManifest.models.map((m) => m.id).join(', ');
    throw new ModelNotAvailableError(
      `unknown model "${name}": use one of ${known} or a path to a .gguf file`,
    );
  }
  const path = installedModelPath(options.dataDir, entry);
  if (!existsSync(path)) {
    throw new ModelNotAvailableError(
      `model ${entry.id} is not downloaded yet (${path}); run \`tinyarms model pull ${entry.id}\``,
    );
  }
  return { id: entry.id, path, entry };
}

/**
 * The language model the runner, breeder and judge share. Nothing loads here: the file loads on
 * the first completion (GGUF checked first) and unloads after config `model.idle_unload_minutes`.
 * Opening the same file with the same settings again in this process returns the same instance, so
 * the model is never in memory twice; all local models share one queue.
 *
 * @throws ModelNotAvailableError when the name resolves to no file.
 */
export function openLanguageModel(options: OpenLanguageModelOptions): LocalModel {
  const { id, path, entry } = resolveModel(options);
  const { model } = options.config;
  const threads = defaultThreads(model.threads);
  const key = JSON.stringify([path, threads, model.context_size, model.gpu, model.idle_unload_minutes]);
  let local = opened.get(key);
  if (!local) {
    local = createLocalModel({
      modelPath: path,
      id,
      threads,
      contextSize: model.context_size,
      gpu: model.gpu,
      sha256: entry?.sha256 ?? null,
      idleUnloadMs: model.idle_unload_minutes === null ? null : model.idle_unload_minutes * 60_000,
    });
    opened.set(key, local);
  }
  return local;
}
