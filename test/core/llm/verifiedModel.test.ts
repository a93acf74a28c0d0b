import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../../src/core/llm/checkGgufFile';
import {
  ensureVerified,
  recordVerification,
  sha256OfFile,
  verificationPath,
} from '../../../src/core/llm/verifiedModel';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

function installed(content = 'GGUF and some weights') {
  const path = join(newDir(), 'model.gguf');
  writeFileSync(path, content);
  return path;
}

describe('model files re-verified before they load', () => {
  it('hashes a file with no record once, then trusts it while size and mtime stay', async () => {
    const path = installed();
    const sha = await sha256OfFile(path);
    expect(await ensureVerified(path, sha, 'm')).toEqual({ rehashed: true });
    expect(JSON.parse(readFileSync(verificationPath(path), 'utf8'))).toMatchObject({ sha256: sha });
    expect(await ensureVerified(path, sha, 'm')).toEqual({ rehashed: false });
    // Touched but the same bytes (a copy, a backup restore): hashed again and accepted.
    utimesSync(path, new Date(), new Date(Date.now() + 60_000));
    expect(await ensureVerified(path, sha, 'm')).toEqual({ rehashed: true });
  });

  it('refuses a file written to after it was verified, naming the pull that fixes it', async () => {
    const path = installed();
    const sha = await sha256OfFile(path);
    await recordVerification(path, sha);
    // Same size, other bytes, a later mtime: what a second writer leaves behind.
    writeFileSync(path, 'GGUF and other weights');
    utimesSync(path, new Date(), new Date(Date.now() + 60_000));
    const load = ensureVerified(path, sha, 'smollm2-135m-instruct');
    await expect(load).rejects.toBeInstanceOf(ModelFileError);
    await expect(load).rejects.toMatchObject({ problem: 'changed' });
    await expect(load).rejects.toThrow(
      /no longer matches its published sha256 .* run `tinyarms model pull smollm2-135m-instruct`/,
    );
    // A record made for another hash (the manifest moved on) is no proof: the file is hashed again.
    const other = installed('GGUF bytes');
    await recordVerification(other, await sha256OfFile(other));
    await expect(ensureVerified(other, 'e'.repeat(64), 'm')).rejects.toMatchObject({ problem: 'changed' });
  });

  it('a damaged record is ignored, not trusted', async () => {
    const path = installed();
    const sha = await sha256OfFile(path);
    writeFileSync(verificationPath(path), '{"sha256": 12');
    expect(await ensureVerified(path, sha, 'm')).toEqual({ rehashed: true });
    expect(existsSync(`${verificationPath(path)}.tmp`)).toBe(false);
  });
});
