import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createOneVariantSession } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();
const VOTER = join(import.meta.dirname, '..', 'fixtures', 'voter.mjs');

function startVoter(dataDir: string, session: string, count: number, prefix: string) {
  const child = spawn(process.execPath, [VOTER, dataDir, session, String(count), prefix], {
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
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    acked: () => [...stdout.matchAll(/^ACK (\S+)$/gm)].map((m) => m[1] as string),
    stderr: () => stderr,
  };
}

/** A session that never decides on its own, so voters can run as long as the test wants. */
function endlessSession(home: string): { dataDir: string; session: string } {
  const { dataDir, session } = createOneVariantSession(home);
  writeFileSync(join(dataDir, 'config.yaml'), 'ab_testing:\n  min_votes: 5000\n  max_votes: 5000\n');
  return { dataDir, session };
}

function storedVoteIds(dataDir: string): Set<string> {
  const db = new Database(join(dataDir, 'tinyarms.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Set(db.prepare('SELECT id FROM ab_votes').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

function kill9(child: ChildProcess, afterMs: number): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, afterMs),
  );
}

/** Resolves once the voter has acknowledged `count` votes (or exited), so a kill lands mid-loop however loaded the machine is. */
async function acknowledged(voter: ReturnType<typeof startVoter>, count: number): Promise<void> {
  let exited = false;
  void voter.exited.then(() => {
    exited = true;
  });
  while (!exited && voter.acked().length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('votes under kill -9 and concurrent writers', () => {
  it('keeps every acknowledged vote when the voting process is killed at any moment', async () => {
    const { dataDir, session } = endlessSession(newDir());
    // Kill points from process start-up (opening, migrating: fixed delays) to mid-loop (after a number
    // of acknowledged votes, plus a few ms so the kill falls inside a vote transaction or between).
    const rounds: { delayMs: number; afterAcks: number }[] = [
      { delayMs: 60, afterAcks: 0 },
      { delayMs: 180, afterAcks: 0 },
      { delayMs: 0, afterAcks: 3 },
      { delayMs: 3, afterAcks: 10 },
      { delayMs: 7, afterAcks: 25 },
      { delayMs: 1, afterAcks: 40 },
    ];
    let total = 0;
    for (const [round, { delayMs, afterAcks }] of rounds.entries()) {
      const voter = startVoter(dataDir, session, 100_000, `r${round}`);
      await acknowledged(voter, afterAcks);
      await kill9(voter.child, delayMs);
      await voter.exited;
      const stored = storedVoteIds(dataDir);
      const acked = voter.acked();
      total += acked.length;
      expect(voter.stderr()).toBe('');
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    }
    expect(total).toBeGreaterThanOrEqual(3 + 10 + 25 + 40);
  });

  it('lets two processes vote at once without a busy error', async () => {
    const { dataDir, session } = endlessSession(newDir());
    const voters = [startVoter(dataDir, session, 60, 'p'), startVoter(dataDir, session, 60, 'q')];
    const codes = await Promise.all(voters.map((v) => v.exited));
    expect(voters.map((v) => v.stderr())).toEqual(['', '']);
    expect(codes).toEqual([0, 0]);
    expect(storedVoteIds(dataDir).size).toBe(120);
  });
});
