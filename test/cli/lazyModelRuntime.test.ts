import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOneVariantSession, runTinyarms } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();
const RECORDER = pathToFileURL(join(import.meta.dirname, '..', 'support', 'moduleLoadRecorder.mjs'));
const BUNDLE = pathToFileURL(join(import.meta.dirname, '..', '..', 'out', 'cli', 'index.js'));

/** Runs the real binary with a loader hook and returns every module URL the process resolved. */
function modulesLoadedBy(args: readonly string[]) {
  const log = join(newDir(), 'modules.log');
  writeFileSync(log, '');
  const result = runTinyarms(args, {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${RECORDER.href}`,
    TINYARMS_MODULE_LOG: log,
  });
  return { ...result, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const loadsModelRuntime = (modules: readonly string[]) =>
  modules.some((url) => /[/\\]node_modules[/\\](@node-llama-cpp|node-llama-cpp)[/\\]/.test(url));

// node-llama-cpp takes ~600 ms to import: a command that never runs the model must not pay it.
describe('read commands never load node-llama-cpp', () => {
  let home = '';
  let dataDir = '';
  let session = '';
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'tinyarms-test-'));
    ({ dataDir, session } = createOneVariantSession(home));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const commands: string[][] = [
    ['prompt', 'stats', 'file-naming'],
    ['prompt', 'history', 'file-naming'],
    ['prompt', 'results', 'file-naming'],
    ['prompt', 'next', 'file-naming'],
    ['suggestions'],
    ['model', 'status'],
    ['vote', '<session>', '--shown', 'original,A', '--chosen', 'A'],
    ['feedback', 'no-such-task', '--accept'],
    ['undo', 'no-such-task'],
  ];

  it.each(commands.map((command) => [command.join(' '), command] as const))('tinyarms %s', (_, command) => {
    const args = command.map((arg) => (arg === '<session>' ? session : arg));
    const { modules, stderr } = modulesLoadedBy(['--data-dir', dataDir, ...args, '--json']);
    expect(modules, `the hook saw the bundle load (${stderr})`).toContain(BUNDLE.href);
    const llama = modules.filter((url) => url.includes('llama'));
    expect(loadsModelRuntime(modules), llama.join('\n')).toBe(false);
  });

  it('a command that reaches a model file loads it, and a corrupt file is still named as such', () => {
    const dir = newDir();
    const model = join(dir, 'corrupt.gguf');
    // A GGUF v3 magic and version, then a header that cannot be read.
    writeFileSync(
      model,
      Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(200, 0xff)]),
    );
    const input = join(dir, 'scan.txt');
    writeFileSync(input, 'Invoice from ACME, March 2026\n');
    const { code, stderr, modules } = modulesLoadedBy([
      '--data-dir',
      join(dir, 'data'),
      '--model',
      model,
      'run',
      'file-naming',
      input,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(`model file ${model}: the GGUF header cannot be read`);
    expect(loadsModelRuntime(modules)).toBe(true);
  });
});

describe('node-llama-cpp is imported in one place', () => {
  it('every other source file imports only its types (a value import would load it at start-up)', () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    const valueImport = /^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s*['"]node-llama-cpp['"]/m;
    const offenders = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .filter((file) => valueImport.test(readFileSync(join(src, file), 'utf8')));
    expect(offenders, 'use `import type` and loadNodeLlamaCpp() from src/core/llm/nodeLlamaCpp').toEqual([]);
  });
});
