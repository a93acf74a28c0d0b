import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config';
import { localJudgeModel } from '../../../src/core/judge/localJudgeModel';
import { modelManifest, parseModelManifest } from '../../../src/core/llm/modelManifest';
import { installedModelPath } from '../../../src/core/llm/modelsDir';
import { makeTempDataDirs } from '../../support/tempDataDir';

const tempDir = makeTempDataDirs();

describe('localJudgeModel', () => {
  const judgeEntry = {
    id: 'test-judge',
    name: 'Test judge',
    role: 'judge',
    default: false,
    repo: 'example/test-judge-GGUF',
    file: 'test-judge.Q4_K_M.gguf',
    revision: null,
    uri: 'https://huggingface.co/example/test-judge-GGUF/resolve/main/test-judge.Q4_K_M.gguf',
    sizeBytes: 4,
    sha256: 'a'.repeat(64),
  };
  const manifest = parseModelManifest({ models: [...modelManifest.models, judgeEntry] });

  it('is null when no judge model is downloaded', () => {
    expect(localJudgeModel({ config: defaultConfig, dataDir: tempDir(), manifest })).toBeNull();
  });

  it('opens a downloaded judge entry lazily (nothing is loaded yet)', () => {
    const dataDir = tempDir();
    const path = installedModelPath(dataDir, manifest.models.at(-1) as (typeof manifest.models)[number]);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'GGUF');
    expect(localJudgeModel({ config: defaultConfig, dataDir, manifest })?.id).toBe('test-judge.Q4_K_M.gguf');
  });
});
