import type { SafeStoragePort } from '../../src/main/safeStorageSecretStore';

/** Stands in for the keychain-backed cipher: reversible, and the plaintext never shows in the output. */
export function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStoragePort {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => Buffer.concat([Buffer.from('v10'), flip(Buffer.from(plain, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
      return flip(encrypted.subarray(3)).toString('utf8');
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend as string } : {}),
  };
}
