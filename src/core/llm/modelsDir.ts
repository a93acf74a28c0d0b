import { join } from 'node:path';
import type { ModelEntry } from './modelManifest';

/**
 * Downloaded models live in the data folder, beside the database: the app and the CLI share them,
 * they survive app updates, and nothing depends on the working directory (a repo-relative
 * `models/` would only work in dev). Dev checkouts point `--data-dir`/`TINYARMS_HOME` elsewhere.
 */
export function modelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}

/** Where a manifest model is (or will be) installed. */
export function installedModelPath(dataDir: string, entry: ModelEntry): string {
  return join(modelsDir(dataDir), entry.file);
}
