import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ClaimLockFileOptions,
  claimLockFile,
  type LockClaim,
} from '../../../src/core/llm/claimLockFile';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const DEAD = 999_999;
/** This process is alive; the pid the stale lock names is not. */
const isAlive = (pid: number) => pid !== DEAD;

/**
 * A gate per claimant (`seam()` in claim order): it waits there once it has seen the dead holder of
 * `lock`, until the test opens it; `waiting(n)` resolves once n claimants wait.
 */
function gate(lock: string) {
  const opens: (() => void)[] = [];
  const gates: Promise<void>[] = [];
  let arrived = 0;
  let onArrival = () => {};
  const seam = (): NonNullable<ClaimLockFileOptions['beforeTakeOver']> => {
    const index = gates.length;
    gates.push(new Promise<void>((resolve) => opens.push(resolve)));
    return async (path) => {
      if (path !== lock) return;
      arrived++;
      onArrival();
      await gates[index];
    };
  };
  const waiting = (count: number) =>
    new Promise<void>((resolve) => {
      onArrival = () => {
        if (arrived >= count) resolve();
      };
      onArrival();
    });
  return { seam, waiting, open: (index: number) => opens[index]?.() };
}

const held = (claim: LockClaim) => claim.held;

describe('claimLockFile', () => {
  it('two claims that both saw a dead holder end with exactly one holder, whichever goes first', async () => {
    for (const firstGoesFirst of [true, false]) {
      const dir = newDir();
      const lock = join(dir, 'model.gguf.lock');
      writeFileSync(lock, String(DEAD));
      const { seam, waiting, open } = gate(lock);
      const first = claimLockFile(lock, { isAlive, beforeTakeOver: seam() });
      const second = claimLockFile(lock, { isAlive, beforeTakeOver: seam() });
      await waiting(2); // both read the dead pid before either took over
      open(firstGoesFirst ? 0 : 1);
      const winner = await (firstGoesFirst ? first : second);
      open(firstGoesFirst ? 1 : 0);
      const loser = await (firstGoesFirst ? second : first);

      expect(held(winner)).toBe(true);
      expect(loser).toEqual({ held: false, holder: process.pid });
      expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f-]{36}$`));
      expect(readdirSync(dir)).toEqual(['model.gguf.lock']);
      if (winner.held) await winner.release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('both released together: one wins, the other finds the lock live', async () => {
    const dir = newDir();
    const lock = join(dir, 'model.gguf.lock');
    writeFileSync(lock, '');
    const { seam, waiting, open } = gate(lock);
    const claims = [
      claimLockFile(lock, { isAlive, beforeTakeOver: seam() }),
      claimLockFile(lock, { isAlive, beforeTakeOver: seam() }),
    ];
    await waiting(2);
    open(0);
    open(1);
    const outcomes = await Promise.all(claims);
    expect(outcomes.filter(held)).toHaveLength(1);
    expect(outcomes.filter((claim) => !claim.held)).toEqual([{ held: false, holder: process.pid }]);
    expect(readdirSync(dir)).toEqual(['model.gguf.lock']);
  });

  it('a claim that saw a dead holder long ago backs off once the lock changed hands', async () => {
    const dir = newDir();
    const lock = join(dir, 'model.gguf.lock');
    writeFileSync(lock, String(DEAD));
    const { seam, waiting, open } = gate(lock);
    const slow = claimLockFile(lock, { isAlive, beforeTakeOver: seam() });
    await waiting(1);
    const taken = await claimLockFile(lock, { isAlive });
    expect(held(taken)).toBe(true);
    if (taken.held) await taken.release();
    const next = await claimLockFile(lock, { isAlive });
    open(0);
    expect(await slow).toEqual({ held: false, holder: process.pid });
    expect(held(next)).toBe(true);
  });

  it('takes over from a claimant that died holding the succession file', async () => {
    const dir = newDir();
    const lock = join(dir, 'model.gguf.lock');
    writeFileSync(lock, String(DEAD));
    const succession = `${lock}.${digestOf(String(DEAD))}`;
    const seen: string[] = [];
    const claim = await claimLockFile(lock, {
      isAlive,
      beforeTakeOver: async (path) => {
        seen.push(path);
        // As a claimant killed mid-takeover leaves it: the dead holder's succession file, held by the dead.
        if (path === lock) writeFileSync(succession, `${DEAD} killed-claimant`);
      },
    });
    expect(held(claim)).toBe(true);
    expect(seen).toEqual([lock, succession]);
    expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    expect(readdirSync(dir)).toEqual(['model.gguf.lock']);
  });

  it('refuses while a live process holds it, naming the process', async () => {
    const dir = newDir();
    const lock = join(dir, 'model.gguf.lock');
    writeFileSync(lock, `${process.pid} someone`);
    expect(await claimLockFile(lock, { isAlive })).toEqual({ held: false, holder: process.pid });
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid} someone`);
  });
});

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
