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

describe('votes under kill -9 and concurrent writers', () => {
  it('keeps every acknowledged vote when the voting process is killed at any moment', async () => {
    const { dataDir, session } = endlessSession(newDir());
    // Kill points from process start-up (opening, migrating) to mid-loop (inside vote transactions).
    const delays = [60, 180, 350, 600, 900, 1300];
    let acknowledged = 0;
    for (const [round, delay] of delays.entries()) {
      const voter = startVoter(dataDir, session, 100_000, `r${round}`);
      await kill9(voter.child, delay);
      await voter.exited;
      const stored = storedVoteIds(dataDir);
      const acked = voter.acked();
      acknowledged += acked.length;
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    }
    expect(acknowledged).toBeGreaterThan(20);
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
