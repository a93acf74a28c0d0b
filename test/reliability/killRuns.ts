import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Rng, seededRng } from '../../src/core/rng';
import { DATABASE_FILE } from '../../src/core/store/openDatabase';
import { loadEvalCases, seedFileNamingFeedback } from '../core/breeder/seedFileNamingFeedback';
import { openTestCore } from '../support/openTestCore';
import { createOneVariantSession, TINYARMS_BIN } from '../support/runTinyarms';

/**
 * kill -9 at random moments of the four kinds of work that write: votes, feedback, renames and an
 * evolution. After every kill the database passes `integrity_check`, every write the killed
 * process acknowledged is stored (exactly once), and the files on disk agree with the database.
 * Shared by `test/reliability/killNine.test.ts` (a few kills per kind) and `bench/reliability.bench.ts`
 * (hundreds, for the figures).
 */

/** Kills per kind: a few in `npm test`, `TINYARMS_RELIABILITY_KILLS` more for the figures. */
export function killsPerKind(): number {
  return Number(process.env.TINYARMS_RELIABILITY_KILLS ?? 6);
}

/** 20 file-naming corrections and a small breeder, so a whole evolution takes about a minute. */
export function seedEvolution(dataDir: string): void {
  const core = openTestCore(dataDir);
  seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 20));
  core.close();
  writeFileSync(
    join(dataDir, 'config.yaml'),
    'breeder: { population: 4, generations: 2, evaluation_samples: 1, final_evaluation_samples: 2, variants_per_evolution: 2, max_calls: 40 }\n',
  );
}

export type KillKind = 'vote' | 'feedback' | 'rename' | 'evolve';

export interface KillOutcome {
  kind: KillKind;
  kills: number;
  /** Writes the killed processes acknowledged, in all. */
  acknowledged: number;
  /** Acknowledged writes missing afterwards (must be 0). */
  lost: number;
  /** Kills after which `integrity_check` did not answer ok (must be 0). */
  integrityFailures: number;
  /** Kills after which files and records disagreed (a file gone, twice, or moved without its record). */
  inconsistencies: number;
  /** Anything a killed run wrote to stderr before it died, and other findings, for the report. */
  problems: string[];
}

const VOTER = join(import.meta.dirname, '..', 'fixtures', 'voter.mjs');
const KILL_WORKER = join(import.meta.dirname, 'killWorker.ts');

interface Child {
  child: ChildProcess;
  exited: Promise<void>;
  lines: () => string[];
  stderr: () => string;
}

function start(args: readonly string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TINYARMS_HOME: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, exited, lines: () => stdout.split('\n').filter(Boolean), stderr: () => stderr };
}

/** Waits for `acks` acknowledgements (or the child's end), then `delayMs`, then SIGKILL. */
async function killAfter(run: Child, acks: number, delayMs: number): Promise<void> {
  let ended = false;
  void run.exited.then(() => {
    ended = true;
  });
  while (!ended && run.lines().filter((line) => line.startsWith('ACK ')).length < acks)
    await new Promise((resolve) => setTimeout(resolve, 2));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  run.child.kill('SIGKILL');
  await run.exited;
}

/** A kill point: after 0–`maxAcks` acknowledged writes plus 0–30 ms, or during start-up (0–600 ms). */
function killPoint(rng: Rng, maxAcks: number): { acks: number; delayMs: number } {
  if (rng() < 0.2) return { acks: 0, delayMs: Math.floor(rng() * 600) };
  return { acks: Math.floor(rng() * (maxAcks + 1)), delayMs: Math.floor(rng() * 30) };
}

function integrityOk(dataDir: string): boolean {
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } finally {
    db.close();
  }
}

function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function newOutcome(kind: KillKind): KillOutcome {
  return { kind, kills: 0, acknowledged: 0, lost: 0, integrityFailures: 0, inconsistencies: 0, problems: [] };
}

/** Problems a run reported before its kill; the kill itself prints nothing. */
function noteStderr(outcome: KillOutcome, run: Child): void {
  const text = run.stderr().trim();
  if (text !== '') outcome.problems.push(text.split('\n')[0] as string);
}

export async function voteKills(home: string, kills: number, seed: number): Promise<KillOutcome> {
  const rng = seededRng(seed);
  const outcome = newOutcome('vote');
  const { dataDir, session } = createOneVariantSession(home);
  // A session that never decides, so every round can vote.
  writeFileSync(join(dataDir, 'config.yaml'), 'ab_testing:\n  min_votes: 100000\n  max_votes: 100000\n');
  for (let round = 0; round < kills; round++) {
    const run = start([VOTER, dataDir, session, '1000000', `k${round}`]);
    const { acks, delayMs } = killPoint(rng, 12);
    await killAfter(run, acks, delayMs);
    outcome.kills++;
    noteStderr(outcome, run);
    if (!integrityOk(dataDir)) outcome.integrityFailures++;
    const acked = run.lines().flatMap((line) => (line.startsWith('ACK ') ? [line.slice(4)] : []));
    outcome.acknowledged += acked.length;
    const stored = new Set(query<{ id: string }>(dataDir, 'SELECT id FROM ab_votes').map((row) => row.id));
    outcome.lost += acked.filter((key) => !stored.has(key)).length;
  }
  const ids = query<{ n: number; d: number }>(
    dataDir,
    'SELECT count(*) AS n, count(DISTINCT id) AS d FROM ab_votes',
  );
  if (ids[0] && ids[0].n !== ids[0].d) outcome.problems.push('a vote id stored twice');
  return outcome;
}

const VERDICT_OF: Record<string, string> = {
  '--accept': 'accepted',
  '--correct': 'corrected',
  '--reject': 'rejected',
};

export async function feedbackKills(home: string, kills: number, seed: number): Promise<KillOutcome> {
  const rng = seededRng(seed);
  const outcome = newOutcome('feedback');
  const dataDir = join(home, 'data');
  openTestCore(dataDir).close();
  for (let round = 0; round < kills; round++) {
    const run = start(['--import', 'tsx', KILL_WORKER, 'feedback', dataDir, `f${round}`]);
    const { acks, delayMs } = killPoint(rng, 8);
    await killAfter(run, acks, delayMs);
    outcome.kills++;
    noteStderr(outcome, run);
    if (!integrityOk(dataDir)) outcome.integrityFailures++;
    for (const line of run.lines()) {
      const ack = /^ACK (\S+) (\S+)$/.exec(line);
      if (!ack) continue;
      outcome.acknowledged++;
      const stored = query<{ verdict: string }>(
        dataDir,
        'SELECT verdict FROM feedback WHERE task = ?',
        ack[1],
      );
      if (stored.length !== 1 || stored[0]?.verdict !== VERDICT_OF[ack[2] as string]) outcome.lost++;
    }
  }
  return outcome;
}

export async function renameKills(home: string, kills: number, seed: number): Promise<KillOutcome> {
  const rng = seededRng(seed);
  const outcome = newOutcome('rename');
  const dataDir = join(home, 'data');
  const inbox = join(home, 'inbox');
  mkdirSync(inbox, { recursive: true });
  openTestCore(dataDir).close();
  for (let round = 0; round < kills; round++) {
    const run = start(['--import', 'tsx', KILL_WORKER, 'rename', dataDir, `r${round}`]);
    const { acks, delayMs } = killPoint(rng, 6);
    await killAfter(run, acks, delayMs);
    outcome.kills++;
    noteStderr(outcome, run);
    if (!integrityOk(dataDir)) outcome.integrityFailures++;
    // The next start settles a rename the kill interrupted; then files and records must agree.
    openTestCore(dataDir).close();
    const acked = new Set(run.lines().flatMap((line) => /^ACK (\S+)/.exec(line)?.[1] ?? []));
    outcome.acknowledged += acked.size;
    for (const line of run.lines()) {
      const seeded = /^TASK (\S+) (\S+)$/.exec(line);
      if (!seeded) continue;
      const [, task, id] = seeded as unknown as [string, string, string];
      const before = existsSync(join(inbox, `scan-${id}.pdf`));
      const after = existsSync(join(inbox, `named-${id}.pdf`));
      const recorded = query(dataDir, 'SELECT 1 FROM renames WHERE task = ?', task).length === 1;
      if (acked.has(task) && !recorded) outcome.lost++;
      if (before === after || recorded !== after) {
        outcome.inconsistencies++;
        outcome.problems.push(`${id}: old name ${before}, new name ${after}, rename recorded ${recorded}`);
      }
    }
  }
  return outcome;
}

/**
 * `tinyarms prompt evolve` on the real model, killed 1–`maxSeconds` s after it starts, `kills`
 * times; then one run to the end. After every kill: integrity ok and at most one unfinished
 * evolution session; at the end exactly one session, testing, with its variants.
 */
export async function evolveKills(
  home: string,
  kills: number,
  seed: number,
  modelEnv: NodeJS.ProcessEnv,
  prepare: (dataDir: string) => void,
  maxSeconds = 8,
): Promise<KillOutcome> {
  const rng = seededRng(seed);
  const outcome = newOutcome('evolve');
  const dataDir = join(home, 'data');
  prepare(dataDir);
  const evolve = () =>
    start([TINYARMS_BIN, '--data-dir', dataDir, 'prompt', 'evolve', 'file-naming', '--json'], modelEnv);
  const unfinished = () =>
    query<{ id: string; status: string }>(
      dataDir,
      "SELECT id, status FROM evolution_sessions WHERE status NOT IN ('completed', 'cancelled', 'failed', 'testing')",
    );
  for (let round = 0; round < kills; round++) {
    const run = evolve();
    await new Promise((resolve) => setTimeout(resolve, 1000 + rng() * (maxSeconds - 1) * 1000));
    run.child.kill('SIGKILL');
    await run.exited;
    outcome.kills++;
    if (!integrityOk(dataDir)) outcome.integrityFailures++;
    if (unfinished().length > 1) {
      outcome.inconsistencies++;
      outcome.problems.push(`after kill ${round}: ${unfinished().length} unfinished sessions`);
    }
  }
  const last = evolve();
  await last.exited;
  if (last.child.exitCode !== 0)
    outcome.problems.push(`the final run failed: ${last.stderr().trim().split('\n').at(-1)}`);
  const sessions = query<{ status: string }>(dataDir, 'SELECT status FROM evolution_sessions');
  outcome.acknowledged = last.child.exitCode === 0 ? 1 : 0;
  if (sessions.length !== 1 || sessions[0]?.status !== 'testing') {
    outcome.lost += 1;
    outcome.problems.push(`sessions at the end: ${sessions.map((s) => s.status).join(', ')}`);
  }
  return outcome;
}
