import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config';
import { ModelFileError } from '../../../src/core/llm/checkGgufFile';
import { openLanguageModel } from '../../../src/core/llm/openLanguageModel';
import { verificationPath } from '../../../src/core/llm/verifiedModel';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { testModelPath } from '../../support/testModel';

const newDir = makeTempDataDirs();

describe('an installed model is re-verified when its file changed', () => {
  it('loads the verified file, and refuses it once its bytes were changed in place', async () => {
    const dataDir = newDir();
    const installed = join(dataDir, 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');
    mkdirSync(join(dataDir, 'models'));
    copyFileSync(await testModelPath(), installed);
    const model = openLanguageModel({
      config: { model: { ...defaultConfig.model, threads: 2, context_size: 512 } },
      dataDir,
      override: 'smollm2-135m-instruct',
    });
    try {
      await model.load();
      expect(existsSync(verificationPath(installed))).toBe(true);
      await model.unload();

      // One byte in the middle of the weights: same size, still a GGUF the header check accepts.
      const { size } = statSync(installed);
      const fd = openSync(installed, 'r+');
      writeSync(fd, Buffer.from([0x5a]), 0, 1, Math.floor(size / 2));
      closeSync(fd);
      utimesSync(installed, new Date(), new Date(Date.now() + 60_000));

      const load = model.load();
      await expect(load).rejects.toBeInstanceOf(ModelFileError);
      await expect(load).rejects.toThrow(/no longer matches its published sha256/);
      await expect(model.complete({ user: 'Say hi.', maxTokens: 1 })).rejects.toThrow(
        /run `tinyarms model pull smollm2-135m-instruct` to download it again/,
      );
      expect(model.isLoaded()).toBe(false);
    } finally {
      await model.dispose();
    }
  });
});
