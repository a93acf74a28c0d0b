import { ReadOnlySecretStoreError, type SecretName, type SecretStore } from './secretStore';

/** The environment variable each secret is read from in the CLI. */
export const secretEnvironmentVariables: Readonly<Record<SecretName, string>> = {
  'judge-api-key': 'TINYARMS_JUDGE_API_KEY',
  /** The origin the key may be sent to, e.g. `https://llm.example.com`; unset = the default endpoint's. */
  'judge-api-key-origin': 'TINYARMS_JUDGE_API_ORIGIN',
};

/**
 * The CLI's secret store: read-only, from environment variables, so a key never lands in a file
 * tinyArms writes. `env` is injected so tests never touch `process.env`.
 *
 * @param env the environment to read. @default process.env
 */
export function environmentSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const variable = (name: SecretName) => secretEnvironmentVariables[name];
  const readOnly = (name: SecretName) =>
    new ReadOnlySecretStoreError(
      `the CLI reads ${name} from the ${variable(name)} environment variable; set or unset it in your shell`,
    );
  return {
    describe: (name) => `the ${variable(name)} environment variable`,
    get: async (name) => {
      const value = env[variable(name)]?.trim();
      return value ? value : null;
    },
    set: async (name) => {
      throw readOnly(name);
    },
    delete: async (name) => {
      throw readOnly(name);
    },
  };
}
