import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/core/store/openDatabase';
import { openDatabaseSnapshot, ReadOnlyDataError } from '../../src/core/store/readOnlyDatabase';
import { createOneVariantSession, runTinyarms, TINYARMS_BIN } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

/** root writes through any permission bit, so as root the CLI runs as `nobody` to meet a read-only folder. */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function runReadOnly(dataDir: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [TINYARMS_BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TINYARMS_HOME: '' },
    ...asUser,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` with its bytes, to show a command wrote nothing there. */
function contents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files[name] = readFileSync(path).toString('base64');
  }
  return files;
}

/** The folder and everything in it read-only, the folders above it still traversable by `nobody`. */
function makeReadOnly(home: string, dataDir: string): void {
  chmodSync(home, 0o755);
  for (const name of readdirSync(dataDir, { recursive: true }) as string[]) {
    const path = join(dataDir, name);
    chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
  }
  chmodSync(dataDir, 0o555);
}

function makeWritable(dataDir: string): void {
  chmodSync(dataDir, 0o755);
  for (const name of readdirSync(dataDir, { recursive: true }) as string[]) {
    const path = join(dataDir, name);
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
}

describe.skipIf(process.platform === 'win32')('a read-only data folder', () => {
  it('answers read commands from what it holds, including commits still in the WAL, and writes nothing', () => {
    const home = newDir();
    const { dataDir, session } = createOneVariantSession(home);
    // A connection held open keeps the WAL from being checkpointed away: the vote lives only there,
    // as after a crash of the app.
    const holder = new Database(join(dataDir, DATABASE_FILE));
    holder.prepare('SELECT count(*) FROM ab_votes').get();
    try {
      const vote = runTinyarms([
        '--data-dir',
        dataDir,
        'vote',
        session,
        '--shown',
        'A,original',
        '--chosen',
        'A',
      ]);
      expect(vote.code).toBe(0);
      expect(statSync(join(dataDir, `${DATABASE_FILE}-wal`)).size).toBeGreaterThan(0);
      makeReadOnly(home, dataDir);
      const before = contents(dataDir);

      const results = runReadOnly(dataDir, ['prompt', 'results', 'file-naming', '--json']);
      expect(results.stderr).toMatch(
        /^warning: .* is read-only: showing what it holds, nothing is updated\n$/,
      );
      expect(results.code).toBe(0);
      expect(JSON.parse(results.stdout)).toMatchObject({ session, votes: 1 });
      for (const args of [
        ['prompt', 'stats', 'file-naming'],
        ['prompt', 'history', 'file-naming'],
        ['prompt', 'next', 'file-naming'],
        ['suggestions', '--json'],
      ]) {
        const result = runReadOnly(dataDir, args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        expect(result.stdout).not.toBe('');
      }
      expect(contents(dataDir)).toEqual(before);
    } finally {
      makeWritable(dataDir);
      holder.close();
    }
  });

  it('refuses write commands in one line that says why, changing nothing', () => {
    const home = newDir();
    const { dataDir, session } = createOneVariantSession(home);
    makeReadOnly(home, dataDir);
    const before = contents(dataDir);
    try {
      for (const args of [
        ['vote', session, '--shown', 'A,original', '--chosen', 'A'],
        ['feedback', 'no-such-task', '--accept'],
        ['monitor'],
      ]) {
        const result = runReadOnly(dataDir, args);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          `tinyarms: the data folder ${dataDir} is read-only and this records changes; make it writable\n`,
        );
      }
      expect(contents(dataDir)).toEqual(before);
    } finally {
      makeWritable(dataDir);
    }
  });
});

describe('openDatabaseSnapshot', () => {
  it('refuses a folder without a database, a damaged database and one that needs a migration', () => {
    expect(() => openDatabaseSnapshot(newDir())).toThrow(ReadOnlyDataError);

    const { dataDir } = createOneVariantSession(newDir());
    const file = join(dataDir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('user_version = 1');
    db.close();
    expect(() => openDatabaseSnapshot(dataDir)).toThrow(/written by an older tinyArms and must be upgraded/);

    const garbage = Buffer.alloc(statSync(file).size, 0x5a);
    readFileSync(file).copy(garbage, 0, 0, 100); // the header survives, the pages do not
    writeFileSync(file, garbage);
    expect(() => openDatabaseSnapshot(dataDir)).toThrow(/is damaged and the folder is read-only/);
  });
});
