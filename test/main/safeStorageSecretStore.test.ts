import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SECRETS_DIR,
  SecretStorageUnavailableError,
  safeStorageSecretStore,
} from '../../src/main/safeStorageSecretStore';
import { fakeSafeStorage } from '../support/fakeSafeStorage';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

describe('safeStorage secret store', () => {
  it('stores the key encrypted, owner-only, and reads it back', async () => {
    const dir = newDir();
    const store = safeStorageSecretStore(fakeSafeStorage(), dir);
    expect(await store.get('judge-api-key')).toBeNull();
    await store.set('judge-api-key', ' sk-test-123 ');
    expect(await store.get('judge-api-key')).toBe('sk-test-123');
    const file = join(dir, SECRETS_DIR, 'judge-api-key.bin');
    expect(readFileSync(file).toString('latin1')).not.toContain('sk-test-123');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.delete('judge-api-key');
    await store.delete('judge-api-key');
    expect(await store.get('judge-api-key')).toBeNull();
  });

  it('refuses to store a key without a real keychain', async () => {
    for (const storage of [
      fakeSafeStorage({ available: false }),
      fakeSafeStorage({ backend: 'basic_text' }),
    ]) {
      const store = safeStorageSecretStore(storage, newDir());
      await expect(store.set('judge-api-key', 'sk')).rejects.toBeInstanceOf(SecretStorageUnavailableError);
    }
  });

  it('refuses names outside the closed list', async () => {
    const store = safeStorageSecretStore(fakeSafeStorage(), newDir());
    await expect(store.get('../../etc/passwd' as 'judge-api-key')).rejects.toThrow(/unknown secret/);
  });
});
