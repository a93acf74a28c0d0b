import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ModelFileError } from './checkGgufFile';

/**
 * What was true of a model file when its sha256 last matched: its size and modification time. Kept
 * beside the file as `<file>.verified.json`, so a load re-hashes only a file that changed since.
 */
const verificationSchema = z.object({ sha256: z.string(), size: z.number(), mtimeMs: z.number() });

export const verificationPath = (modelPath: string) => `${modelPath}.verified.json`;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Notes that `modelPath` matches `sha256` as it is now (written after a verified download). */
export async function recordVerification(modelPath: string, sha256: string): Promise<void> {
  const { size, mtimeMs } = await stat(modelPath);
  const record = verificationPath(modelPath);
  await writeFile(`${record}.tmp`, JSON.stringify({ sha256, size, mtimeMs }));
  await rename(`${record}.tmp`, record);
}

async function recorded(modelPath: string) {
  try {
    return verificationSchema.parse(JSON.parse(await readFile(verificationPath(modelPath), 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Before a model with a published sha256 is loaded: when its size or modification time differ from
 * the last verification (or none was recorded), the file is hashed again. A file that no longer
 * matches is refused (another program wrote to it, a copy went wrong, a disk fault) instead of being
 * loaded as if it were the verified one.
 *
 * @returns whether the file was hashed now (`false`: unchanged since it was verified).
 * @throws ModelFileError (`changed`) naming the command that downloads it again.
 */
export async function ensureVerified(
  modelPath: string,
  sha256: string,
  modelId: string,
): Promise<{ rehashed: boolean }> {
  const { size, mtimeMs } = await stat(modelPath);
  const last = await recorded(modelPath);
  if (last && last.sha256 === sha256 && last.size === size && last.mtimeMs === mtimeMs) {
    return { rehashed: false };
  }
  const actual = await sha256OfFile(modelPath);
  if (actual !== sha256) {
    throw new ModelFileError(
      modelPath,
      'changed',
      `the file no longer matches its published sha256 (expected ${sha256}, got ${actual}): it was changed after it was installed; run \`tinyarms model pull ${modelId}\` to download it again`,
    );
  }
  await recordVerification(modelPath, sha256);
  return { rehashed: true };
}
