import { UserInputError } from '../coreContext';
import { type DownloadProgress, type DownloadResult, downloadModel } from './downloadModel';
import { findModelEntry, type ModelEntry, modelDownloadUrl, modelManifest } from './modelManifest';
import { installedModelPath } from './modelsDir';

export interface PullModelOptions {
  dataDir: string;
  /** A manifest id. */
  id: string;
  allowUnverified?: boolean;
  /** Replaces the Hugging Face host (`HF_ENDPOINT`). */
  endpoint?: string | undefined;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface PullResult extends DownloadResult {
  model: string;
  /** Whether a pinned sha256 vouched for the file. */
  verified: boolean;
}

/**
 * Installs a manifest model into `<dataDir>/models/`: resumes an interrupted download, checks the
 * disk first and the sha256 before the file is moved into place.
 *
 * @throws UserInputError for an unknown id; ModelDownloadError when the download cannot finish.
 */
export async function pullModel(options: PullModelOptions): Promise<PullResult> {
  const entry = requireEntry(options.id);
  const result = await downloadModel({
    url: modelDownloadUrl(entry, options.endpoint),
    destination: installedModelPath(options.dataDir, entry),
    sha256: entry.sha256,
    sizeBytes: entry.sizeBytes,
    allowUnverified: options.allowUnverified ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { model: entry.id, verified: entry.sha256 !== null, ...result };
}

function requireEntry(id: string): ModelEntry {
  const entry = findModelEntry(id);
  if (entry) return entry;
  if (id.endsWith('.gguf') || id.includes('/')) {
    throw new UserInputError(`${id} is a local file: use it directly with --model ${id}, nothing to pull`);
  }
  const known = modelManifest.models.map((m) => m.id).join(', ');
  throw new UserInputError(`unknown model "${id}": the manifest has ${known}`);
}
