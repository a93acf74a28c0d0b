/**
 * The port to wherever API keys live. Keys never go in `config.yaml`: the app keeps them in the OS
 * keychain through Electron's `safeStorage` (adapter in `src/main`), the CLI reads the environment
 * ({@link environmentSecretStore}).
 */

/** Every secret tinyArms knows about. A closed list so an adapter can map each one to its storage. */
export const secretNames = ['judge-api-key', 'judge-api-key-origin'] as const;
export type SecretName = (typeof secretNames)[number];

export interface SecretStore {
  /** Where the secrets come from, for error messages: e.g. "the TINYARMS_JUDGE_API_KEY environment variable". */
  describe(name: SecretName): string;
  /** The stored value, or `null` when none is set (an empty value counts as none). */
  get(name: SecretName): Promise<string | null>;
  /** Stores or replaces the value. Read-only adapters reject with an error that says how to set it. */
  set(name: SecretName, value: string): Promise<void>;
  /** Removes the value; removing a missing secret is not an error. */
  delete(name: SecretName): Promise<void>;
}

/** A secret store that cannot be written (the CLI's environment): tells the user what to do instead. */
export class ReadOnlySecretStoreError extends Error {
  override readonly name = 'ReadOnlySecretStoreError';
}
