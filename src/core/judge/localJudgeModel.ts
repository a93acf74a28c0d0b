import { existsSync } from 'node:fs';
import type { Config } from '../config';
import type { LanguageModel } from '../llm/languageModel';
import { type ModelManifest, modelManifest } from '../llm/modelManifest';
import { installedModelPath } from '../llm/modelsDir';
import { openLanguageModel } from '../llm/openLanguageModel';

/**
 * The local judge tier: the first manifest entry with role `judge` that is downloaded into the data
 * folder, opened through the shared model layer (same queue, same threads). Null when none is
 * installed, which {@link openJudge} reports as "no local judge model installed". Nothing loads here.
 *
 * @param manifest @default the shipped `models/manifest.json`
 */
export function localJudgeModel(options: {
  config: Pick<Config, 'model'>;
  dataDir: string;
  manifest?: ModelManifest;
}): LanguageModel | null {
  const manifest = options.manifest ?? modelManifest;
  const installed = manifest.models
    .filter((entry) => entry.role === 'judge')
    .map((entry) => installedModelPath(options.dataDir, entry))
    .find((path) => existsSync(path));
  return installed
    ? openLanguageModel({ config: options.config, dataDir: options.dataDir, override: installed })
    : null;
}
