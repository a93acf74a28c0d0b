import { describe, expect, it } from 'vitest';
import { environmentSecretStore } from '../../../src/core/secrets/environmentSecretStore';
import { ReadOnlySecretStoreError } from '../../../src/core/secrets/secretStore';

describe('environmentSecretStore', () => {
  it('reads the judge key from TINYARMS_JUDGE_API_KEY, trimmed', async () => {
    const store = environmentSecretStore({ TINYARMS_JUDGE_API_KEY: '  sk-abc \n' });
    expect(await store.get('judge-api-key')).toBe('sk-abc');
    expect(store.describe('judge-api-key')).toBe('the TINYARMS_JUDGE_API_KEY environment variable');
  });

  it('treats an unset or blank variable as no key', async () => {
    expect(await environmentSecretStore({}).get('judge-api-key')).toBeNull();
    expect(await environmentSecretStore({ TINYARMS_JUDGE_API_KEY: '   ' }).get('judge-api-key')).toBeNull();
  });

  it('cannot be written, and says how to set the key instead', async () => {
    const env: NodeJS.ProcessEnv = {};
    const store = environmentSecretStore(env);
    await expect(store.set('judge-api-key', 'sk-x')).rejects.toBeInstanceOf(ReadOnlySecretStoreError);
    await expect(store.delete('judge-api-key')).rejects.toThrow(
      /TINYARMS_JUDGE_API_KEY environment variable/,
    );
    expect(env).toEqual({});
  });
});
