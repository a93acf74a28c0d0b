import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { type SecretName, type SecretStore, secretNames } from '../core/secrets/secretStore';

/** What the store needs of Electron's `safeStorage`. */
export type SafeStoragePort = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & {
  /** Linux only (Electron's `getSelectedStorageBackend`); absent elsewhere. */
  getSelectedStorageBackend?: () => string;
};

/** Raised when the OS offers no real keychain: tinyArms refuses rather than store a key in the clear. */
export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
}

/** Folder (inside the data folder) of the encrypted secrets, one file per secret. */
export const SECRETS_DIR = 'secrets';

/**
 * The app's {@link SecretStore}: each secret is encrypted with Electron's `safeStorage`, whose key
 * lives in the macOS Keychain (Windows DPAPI, a Linux keyring), and the ciphertext is written to
 * `<dataDir>/secrets/<name>.bin` (mode 0600). The file alone is useless without this user's keychain,
 * and `config.yaml` never holds a key. Electron 41 has only the synchronous encrypt/decrypt; this
 * port is async so an adapter on a future async API drops in.
 *
 * Refused when encryption is unavailable, or on Linux's `basic_text` fallback, which encrypts with a
 * hard-coded password. https://www.electronjs.org/docs/latest/api/safe-storage
 */
export function safeStorageSecretStore(safeStorage: SafeStoragePort, dataDir: string): SecretStore {
  const dir = join(dataDir, SECRETS_DIR);
  const fileOf = (name: SecretName) => {
    // The closed list is the only guard the file name needs; a value from elsewhere is refused.
    if (!secretNames.includes(name)) throw new Error(`unknown secret ${String(name)}`);
    return join(dir, `${name}.bin`);
  };
  const requireKeychain = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SecretStorageUnavailableError(
        'the system keychain is not available, so tinyArms cannot store the key safely',
      );
    }
    if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new SecretStorageUnavailableError(
        'no keyring (GNOME Keyring, KWallet) is running, so tinyArms cannot store the key safely',
      );
    }
  };
  return {
    describe: (name) => `the system keychain (${name})`,
    async get(name) {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(fileOf(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      requireKeychain();
      const value = safeStorage.decryptString(encrypted).trim();
      return value === '' ? null : value;
    },
    async set(name, value) {
      requireKeychain();
      const file = fileOf(name);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.tmp`;
      await writeFile(temporary, safeStorage.encryptString(value.trim()), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    },
    async delete(name) {
      await rm(fileOf(name), { force: true });
    },
  };
}
