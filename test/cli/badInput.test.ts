import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/dumpDatabase';
import { createOneVariantSession, runTinyarms } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

/** Each bad input: exit code ≠ 0, exactly one line on stderr, nothing on stdout, the database unchanged. */
function expectCleanFailure(dataDir: string, args: readonly string[], pattern: RegExp): void {
  const before = dumpDatabase(dataDir);
  const result = runTinyarms(['--data-dir', dataDir, ...args]);
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(dumpDatabase(dataDir)).toEqual(before);
}

describe('tinyarms on bad input', () => {
  let dataDir: string;
  let session: string;

  beforeEach(() => {
    ({ dataDir, session } = createOneVariantSession(newDir()));
  });

  it('refuses an empty or kernel-file-system --data-dir in one line, touching no data folder', () => {
    const home = newDir();
    for (const [dir, pattern] of [
      ['', /--data-dir is empty; give a folder/],
      ['/proc/self/x', /\/proc\/self\/x is on a system file system/],
    ] as const) {
      const result = runTinyarms(['--data-dir', dir, 'prompt', 'stats', 'file-naming'], {
        TINYARMS_HOME: home,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(pattern);
    }
    // The fallback folder was not used instead.
    expect(readdirSync(home)).toEqual([]);
  });

  it('refuses a variant file that is binary, has NULs or is huge, in one line, before reading a huge one', () => {
    const dir = newDir();
    const binary = join(dir, 'b.bin');
    writeFileSync(binary, Buffer.from([0x7b, 0x7b, 0xff, 0xfe, 0x00, 0x01]));
    const nul = join(dir, 'nul.txt');
    writeFileSync(nul, 'Name it.\u0000\n{{input}}\n');
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, `${'x'.repeat(2 * 1024 * 1024)}{{input}}`);
    expectCleanFailure(
      dataDir,
      ['prompt', 'create', 'file-naming', '--variant-a', binary],
      /b.bin is not UTF-8 text/,
    );
    expectCleanFailure(
      dataDir,
      ['prompt', 'create', 'file-naming', '--variant-a', nul],
      /nul.txt contains a NUL/,
    );
    expectCleanFailure(
      dataDir,
      ['prompt', 'create', 'file-naming', '--variant-a', huge],
      /huge.txt is 2.0 MB; a template is at most 32,768 bytes/,
    );
  });

  it('names an unknown skill and lists the known ones', () => {
    expectCleanFailure(
      dataDir,
      ['prompt', 'stats', 'file-renaming'],
      /unknown skill "file-renaming".*file-naming/i,
    );
    expectCleanFailure(dataDir, ['prompt', 'rollback', 'nope'], /unknown skill "nope"/i);
  });

  it('refuses arms that are not letters or not in the session', () => {
    expectCleanFailure(dataDir, ['vote', session, '--shown', 'original,Q', '--chosen', 'Q'], /unknown arm Q/);
    expectCleanFailure(
      dataDir,
      ['vote', session, '--shown', 'original,A', '--chosen', 'AB'],
      /"AB" is not an arm/,
    );
    expectCleanFailure(
      dataDir,
      ['vote', session, '--shown', 'original,A', '--chosen', 'B'],
      /not among the shown/,
    );
    expectCleanFailure(
      dataDir,
      ['vote', 's-00000000', '--shown', 'original,A', '--chosen', 'A'],
      /no session s-00000000/,
    );
    expectCleanFailure(dataDir, ['prompt', 'promote', 'file-naming', 'Z'], /has no variant Z/);
  });

  it('refuses to write with a malformed config, naming the key, and leaves the file alone', () => {
    const config = join(dataDir, 'config.yaml');
    const text = 'ab_testing:\n  min_votes: 80\n';
    writeFileSync(config, text);
    expectCleanFailure(
      dataDir,
      ['vote', session, '--shown', 'original,A', '--chosen', 'A'],
      /ab_testing\.min_votes must be ≤ max_votes \(50\), got 80; fix the file, nothing was changed/,
    );
    expect(readFileSync(config, 'utf8')).toBe(text);
    const read = runTinyarms(['--data-dir', dataDir, 'prompt', 'stats', 'file-naming']);
    expect(read.code).toBe(0);
    expect(read.stderr).toMatch(/^warning: .*ab_testing\.min_votes/);

    writeFileSync(config, 'ab_testing: [unclosed\n');
    expectCleanFailure(
      dataDir,
      ['prompt', 'rollback', 'file-naming'],
      /config\.yaml is not valid YAML at line \d+.*nothing was changed/,
    );
  });

  it('moves a corrupt database aside, keeps its bytes, and says so in one line', () => {
    const file = join(dataDir, 'tinyarms.db');
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) writeFileSync(file + suffix, '');
    const garbage = Buffer.alloc(8192, 7);
    writeFileSync(file, garbage);
    const result = runTinyarms(['--data-dir', dataDir, 'prompt', 'stats', 'file-naming']);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is corrupt .* moved it to .*restored the backup/);
    const moved = readdirSync(dataDir).find((name) => name.startsWith('tinyarms.db.corrupt-'));
    expect(moved).toBeDefined();
    expect(readFileSync(join(dataDir, String(moved)))).toEqual(garbage);
    // The next command runs on the restored backup.
    expect(runTinyarms(['--data-dir', dataDir, 'prompt', 'stats', 'file-naming']).code).toBe(0);
  });

  it('checks feedback arguments before touching anything', () => {
    expectCleanFailure(dataDir, ['feedback', 't-missing', '--accept'], /no task t-missing/);
    expectCleanFailure(dataDir, ['feedback', 't-missing', '--accept', '--reject'], /exactly one of/);
    expectCleanFailure(
      dataDir,
      ['feedback', 't-missing', '--correct', '{oops'],
      /--correct takes the corrected output as JSON/,
    );
  });
});
