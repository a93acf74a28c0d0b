export type { ConfigIssue } from '../../shared/values/configIssues';
export {
  type Config,
  type ConfigInput,
  configSchema,
  defaultConfig,
  type TriggersConfig,
} from '../../shared/values/configSchema';
export { suggestConfigKey } from '../../shared/values/suggestConfigKey';
export { ConfigError, type ConfigFallback } from './configError';
export { CONFIG_FILE_NAME, configFileExists, configPath, type LoadedConfig, loadConfig } from './loadConfig';
export { type ParsedConfig, parseConfig } from './parseConfig';
export { type ConfigPatchResult, parseConfigPatch } from './parseConfigPatch';
export { APP_DIR_NAME, appDataDir, type DataDirInputs, resolveDataDir } from './resolveDataDir';
export { saveConfig } from './saveConfig';
export { type ConfigUpdate, updateConfig } from './updateConfig';
