import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINYARMS_BIN = join(import.meta.dirname, '..', '..', 'bin', 'tinyarms.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `tinyarms` binary in a child process, as a user's shell would. */
export function runTinyarms(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [TINYARMS_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TINYARMS_HOME: '', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed with `--json` and returns its parsed document. */
export function tinyarmsJson<T = Record<string, unknown>>(args: readonly string[]): T {
  const result = runTinyarms([...args, '--json']);
  if (result.code !== 0)
    throw new Error(`tinyarms ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/**
 * Starts a file-naming A/B session with one hand-written variant through the real CLI, in
 * `<home>/data`. Returns the data folder and the session id.
 */
export function createOneVariantSession(home: string): { dataDir: string; session: string } {
  const dataDir = join(home, 'data');
  const variant = join(home, 'a.md');
  writeFileSync(variant, 'Variant A: name the file well.\n{{input}}\n');
  const { session } = tinyarmsJson<{ session: string }>([
    '--data-dir',
    dataDir,
    'prompt',
    'create',
    'file-naming',
    '--variant-a',
    variant,
  ]);
  return { dataDir, session };
}
