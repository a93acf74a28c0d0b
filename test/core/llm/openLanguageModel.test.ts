import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config';
import { UserInputError } from '../../../src/core/coreContext';
import { openLanguageModel, resolveModel } from '../../../src/core/llm/openLanguageModel';
import { testModelPath } from '../../support/testModel';

let dataDir: string;
let gguf: string;
const config = { model: { ...defaultConfig.model, threads: 2 } };

beforeAll(async () => {
  gguf = await testModelPath();
  dataDir = mkdtempSync(join(tmpdir(), 'tinyarms-open-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('openLanguageModel', () => {
  it('tells the user which pull to run when the configured model is not downloaded', () => {
    const open = () => openLanguageModel({ config, dataDir });
    expect(open).toThrow(UserInputError);
    expect(open).toThrow(
      /model smollm2-360m-instruct-q4_k_m is not downloaded yet .* run `tinyarms model pull smollm2-360m-instruct-q4_k_m`/,
    );
    expect(() => openLanguageModel({ config, dataDir, override: 'llama-70b' })).toThrow(
      /unknown model "llama-70b": use one of smollm2-360m-instruct-q4_k_m, smollm2-135m-instruct or a path/,
    );
    expect(() => openLanguageModel({ config, dataDir, override: '/nowhere/model.gguf' })).toThrow(
      /model file \/nowhere\/model.gguf does not exist/,
    );
  });

  it('resolves a manifest id to the models folder and a path to itself; the override wins over config', () => {
    mkdirSync(join(dataDir, 'models'), { recursive: true });
    symlinkSync(gguf, join(dataDir, 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf'));
    expect(resolveModel({ config, dataDir, override: 'smollm2-135m-instruct' })).toMatchObject({
      id: 'smollm2-135m-instruct',
      path: join(dataDir, 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf'),
    });
    const local = join(dataDir, 'mine.gguf');
    copyFileSync(gguf, local);
    expect(resolveModel({ config, dataDir, override: 'mine.gguf', cwd: dataDir })).toMatchObject({
      id: 'mine.gguf',
      path: local,
      entry: null,
    });
  });

  it('returns the one shared instance for the same file and settings, without loading it', () => {
    const a = openLanguageModel({ config, dataDir, override: 'smollm2-135m-instruct' });
    const b = openLanguageModel({
      config: { model: { ...config.model } },
      dataDir,
      override: 'smollm2-135m-instruct',
    });
    const c = openLanguageModel({
      config: { model: { ...config.model, threads: 1 } },
      dataDir,
      override: 'smollm2-135m-instruct',
    });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(a.isLoaded()).toBe(false);
  });
});
