import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGgufFile, ModelFileError } from '../../../src/core/llm/checkGgufFile';
import { createLocalModel } from '../../../src/core/llm/localModel';
import { testModelPath } from '../../support/testModel';

let real: string;
let dir: string;

beforeAll(async () => {
  real = await testModelPath();
  dir = mkdtempSync(join(tmpdir(), 'tinyarms-gguf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cutCopy(name: string, bytes: number): string {
  const path = join(dir, name);
  copyFileSync(real, path);
  truncateSync(path, bytes);
  return path;
}

describe('checkGgufFile', () => {
  it('accepts the real test model and reports its header', async () => {
    const check = await checkGgufFile(real);
    expect(check).toMatchObject({ version: 3, architecture: 'llama', tensorCount: 272 });
    expect(check.requiredBytes).toBe(check.fileBytes);
  });

  it('names a file cut short in its tensor data as truncated', async () => {
    const path = cutCopy('cut-data.gguf', 60_000_000);
    const failure = checkGgufFile(path);
    await expect(failure).rejects.toThrow(/truncated: 60000000 bytes on disk, the tensors need 98362432/);
    await expect(failure).rejects.toMatchObject({ problem: 'truncated' });
  });

  it('names a file cut short in its one-byte tail as truncated', async () => {
    const path = cutCopy('cut-tail.gguf', 98_362_431);
    await expect(checkGgufFile(path)).rejects.toMatchObject({ problem: 'truncated' });
  });

  it('names a file cut inside its header as truncated there', async () => {
    const path = cutCopy('cut-header.gguf', 100_000);
    await expect(checkGgufFile(path)).rejects.toThrow(/truncated inside its header \(100000 bytes on disk\)/);
  });

  it('names a non-GGUF file and an unknown GGUF version', async () => {
    const text = join(dir, 'notes.gguf');
    writeFileSync(text, 'hello, this is not a model\n');
    await expect(checkGgufFile(text)).rejects.toThrow(
      /not a GGUF file \(it starts with "hell", expected "GGUF"\)/,
    );

    const v9 = cutCopy('v9.gguf', 1_000);
    const fd = openSync(v9, 'r+');
    writeSync(fd, Buffer.from([9, 0, 0, 0]), 0, 4, 4);
    closeSync(fd);
    await expect(checkGgufFile(v9)).rejects.toMatchObject({ problem: 'unsupported-version' });
    await expect(checkGgufFile(join(dir, 'absent.gguf'))).rejects.toMatchObject({ problem: 'missing' });
  });

  it('keeps the process alive: loading a bad file rejects, the same process then loads a good one', async () => {
    const truncated = createLocalModel({ modelPath: cutCopy('cut-load.gguf', 50_000_000), threads: 2 });
    await expect(truncated.load()).rejects.toBeInstanceOf(ModelFileError);
    expect(truncated.isLoaded()).toBe(false);
    const notGguf = createLocalModel({ modelPath: join(dir, 'notes.gguf'), threads: 2 });
    await expect(notGguf.complete({ user: 'hi', maxTokens: 1 })).rejects.toThrow(/not a GGUF file/);

    const good = createLocalModel({ modelPath: real, threads: 2, contextSize: 512 });
    await expect(good.load()).resolves.toMatchObject({ architecture: 'llama' });
    await good.dispose();
  });
});
