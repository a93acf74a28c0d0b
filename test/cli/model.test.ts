import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliRuntime';
import { registerModelCommands } from '../../src/cli/modelCommands';
import { type FileServer, serveFile } from '../core/llm/serveFile';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testModelEntry, testModelPath } from '../support/testModel';

const entry = testModelEntry();
const PULL_MODEL = join(import.meta.dirname, '..', '..', 'src', 'core', 'llm', 'pullModel.ts');
let source: string;
const servers: FileServer[] = [];

beforeAll(async () => {
  source = await testModelPath();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const dataDir = makeTempDataDirs();

/** Runs `tinyarms model …` in-process (the lead registers the command in the real binary). */
async function tinyarms(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  };
  const program = new Command('tinyarms')
    .option('--data-dir <dir>')
    .option('--json')
    .option('--model <name>');
  program.exitOverride();
  registerModelCommands(program, io, () => program.opts());
  let error: Error | null = null;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (caught) {
    error = caught as Error;
  }
  return { stdout, stderr, error };
}

describe('tinyarms model', () => {
  it('status --json lists the manifest models and says the default one is not downloaded', async () => {
    const dir = dataDir();
    const { stdout, error } = await tinyarms(['--data-dir', dir, 'model', 'status', '--json']);
    expect(error).toBeNull();
    const status = JSON.parse(stdout);
    expect(status.selected).toMatchObject({
      name: 'smollm2-360m-instruct-q4_k_m',
      source: 'config',
      available: false,
    });
    expect(status.selected.problem).toMatch(/tinyarms model pull smollm2-360m-instruct-q4_k_m/);
    expect(status.models.map((m: { id: string; installed: boolean }) => [m.id, m.installed])).toEqual([
      ['smollm2-360m-instruct-q4_k_m', false],
      ['smollm2-135m-instruct', false],
    ]);
  });

  it('pull downloads through HF_ENDPOINT with progress on stderr, then status shows it installed', async () => {
    const server = await serveFile(source);
    servers.push(server);
    const dir = dataDir();
    const env = { HF_ENDPOINT: server.url };
    const pulled = await tinyarms(['--data-dir', dir, 'model', 'pull', 'smollm2-135m-instruct'], env);
    expect(pulled.error).toBeNull();
    expect(pulled.stdout).toMatch(
      /^Installed smollm2-135m-instruct \(98\.4 MB, sha256 b179c9523d0e… verified\)/,
    );
    expect(pulled.stderr).toMatch(/smollm2-135m-instruct \[.*\] 100% 98\.4\/98\.4 MB/);
    expect(server.ranges).toEqual([null]);

    const status = await tinyarms([
      '--data-dir',
      dir,
      '--model',
      'smollm2-135m-instruct',
      'model',
      'status',
      '--json',
    ]);
    const parsed = JSON.parse(status.stdout);
    expect(parsed.selected).toMatchObject({ source: 'override', available: true });
    expect(parsed.models[1]).toMatchObject({ id: 'smollm2-135m-instruct', installed: true, partialBytes: 0 });

    const again = await tinyarms(
      ['--data-dir', dir, 'model', 'pull', 'smollm2-135m-instruct', '--json'],
      env,
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadyInstalled: true, verified: true });
  });

  it('a download killed mid-way (SIGKILL) leaves a .part that the next pull resumes', async () => {
    const server = await serveFile(source, { throttleFirstMs: 5 });
    servers.push(server);
    const dir = dataDir();
    const script = `
      import { pullModel } from ${JSON.stringify(PULL_MODEL)};
      await pullModel({ dataDir: ${JSON.stringify(dir)}, id: 'smollm2-135m-instruct', endpoint: ${JSON.stringify(server.url)},
        onProgress: (p) => process.stdout.write(p.received + '\\n') });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const received = Number(chunk.toString().trim().split('\n').at(-1));
        if (received > 5_000_000) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error('child finished')),
      );
    });
    const part = join(dir, 'models', `${entry.file}.part`);
    const partial = statSync(part).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(entry.sizeBytes ?? 0);
    expect(existsSync(join(dir, 'models', entry.file))).toBe(false);

    const status = await tinyarms(['--data-dir', dir, 'model', 'status']);
    expect(status.stdout).toMatch(/smollm2-135m-instruct .* partial \(.* MB; pull resumes\)/);

    const resumed = await tinyarms(['--data-dir', dir, 'model', 'pull', 'smollm2-135m-instruct', '--json'], {
      HF_ENDPOINT: server.url,
    });
    expect(resumed.error).toBeNull();
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      resumedFrom: partial,
      bytes: entry.sizeBytes,
      verified: true,
    });
    expect(server.ranges.at(-1)).toBe(`bytes=${partial}-`);
  });

  it('refuses a local path or an unknown name with a clear message', async () => {
    const dir = dataDir();
    const local = await tinyarms(['--data-dir', dir, 'model', 'pull', './my.gguf']);
    expect(local.error?.message).toMatch(/is a local file: use it directly with --model/);
    const unknown = await tinyarms(['--data-dir', dir, 'model', 'pull', 'gpt-5']);
    expect(unknown.error?.message).toMatch(/unknown model "gpt-5"/);
  });
});
