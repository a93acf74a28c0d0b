import { existsSync, statSync } from 'node:fs';
import type { Config } from '../config';
import { defaultThreads } from './defaultThreads';
import { modelManifest } from './modelManifest';
import { installedModelPath, modelsDir } from './modelsDir';
import { resolveModel } from './openLanguageModel';

export interface ModelEntryStatus {
  id: string;
  name: string;
  role: 'skill' | 'judge';
  /** The manifest's default model. */
  default: boolean;
  installed: boolean;
  path: string;
  sizeBytes: number | null;
  /** Bytes of an interrupted download waiting to be resumed; 0 when none. */
  partialBytes: number;
  /** Whether the manifest pins a sha256 for it. */
  pinned: boolean;
}

export interface ModelStatus {
  modelsDir: string;
  /** The model runs would use now. */
  selected: {
    name: string;
    source: 'override' | 'config';
    path: string | null;
    available: boolean;
    /** Why it is not available, when it is not. */
    problem: string | null;
    threads: number;
  };
  models: ModelEntryStatus[];
}

/** What is installed and which model a run would use; reads file sizes only, never hashes. */
export function modelStatus(options: {
  config: Pick<Config, 'model'>;
  dataDir: string;
  override?: string | undefined;
}): ModelStatus {
  const override = options.override?.trim() || undefined;
  const name = override ?? options.config.model.name;
  let path: string | null = null;
  let problem: string | null = null;
  try {
    path = resolveModel({ ...options, override }).path;
  } catch (error) {
    problem = (error as Error).message;
  }
  return {
    modelsDir: modelsDir(options.dataDir),
    selected: {
      name,
      source: override ? 'override' : 'config',
      path,
      available: path !== null,
      problem,
      threads: defaultThreads(options.config.model.threads),
    },
    models: modelManifest.models.map((entry) => {
      const file = installedModelPath(options.dataDir, entry);
      return {
        id: entry.id,
        name: entry.name,
        role: entry.role,
        default: entry.default,
        installed: existsSync(file),
        path: file,
        sizeBytes: entry.sizeBytes,
        partialBytes: existsSync(`${file}.part`) ? statSync(`${file}.part`).size : 0,
        pinned: entry.sha256 !== null,
      };
    }),
  };
}
