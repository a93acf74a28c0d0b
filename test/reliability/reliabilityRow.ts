import { spawn } from 'node:child_process';
import { TINYARMS_BIN } from '../support/runTinyarms';

/**
 * One line of the reliability figures: a scenario (a hostile config, a download round, later a kill -9
 * or page-corruption round) and what came out. Each section of `bench/reliability.bench.ts` is an
 * `async function …Section(): Promise<ReliabilityRow[]>` exported from a module in test/reliability/.
 */
export interface ReliabilityRow {
  section: string;
  scenario: string;
  /** Whether every assertion the test suite makes about this scenario held. */
  ok: boolean;
  /** One line: what happened, in the words a user would see. */
  outcome: string;
  /** Slowest command of the scenario, wall time including process start-up. */
  maxMs: number | null;
  /** Counts worth a column (processes, kills, verified files…). */
  figures?: Record<string, number>;
}

export interface TimedRun {
  args: readonly string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the real `tinyarms` binary asynchronously (so several can run at once) and times it.
 * `timeoutMs` kills a command that hangs, so a hang shows up as a failure rather than a stuck suite.
 */
export function runTinyarmsTimed(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [TINYARMS_BIN, ...args], {
    env: { ...process.env, TINYARMS_HOME: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ args, code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Runs `tasks` with at most `limit` in flight; results in input order. */
export async function inPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
