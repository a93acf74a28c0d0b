import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/openCore';
import { runTinyarms, TINYARMS_BIN } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';
import { TEST_MODEL_THREADS, testModelPath } from '../support/testModel';

const newDir = makeTempDataDirs();

/** A suggestion line: task id, file, proposal, and the command that answers it. */
const SUGGESTION = /^(t-[0-9a-f]{8}) {2}(\S+) {2}→ (\S+) {2}· answer with: tinyarms feedback \1 --accept$/;

interface Watch {
  child: ChildProcess;
  lines: string[];
  stderr(): string;
  exited: Promise<number | null>;
}

/** A data folder whose config watches one temp folder, on 2 threads (the machine is shared). */
function watchedSetup(): { dataDir: string; inbox: string } {
  const dataDir = join(newDir(), 'data');
  const inbox = newDir();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'config.yaml'),
    `model:\n  threads: ${TEST_MODEL_THREADS}\n  context_size: 4096\nwatchers:\n  folders:\n    - ${inbox}\n`,
  );
  return { dataDir, inbox };
}

async function startWatch(dataDir: string, ...flags: string[]): Promise<Watch> {
  const child = spawn(
    process.execPath,
    [TINYARMS_BIN, '--data-dir', dataDir, '--model', await testModelPath(), 'watch', ...flags],
    { env: { ...process.env, TINYARMS_HOME: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const lines: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    const complete = out.split('\n');
    out = complete.pop() ?? '';
    lines.push(...complete);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => err, exited };
}

/** Waits (no timing asserted) until the watch has printed what it watches. */
async function untilWatching(watch: Watch): Promise<void> {
  await expect
    .poll(() => watch.lines.some((line) => line.startsWith('Watching')), { timeout: 60_000 })
    .toBe(true);
}

// Upper-case names with underscores: a proposal is always kebab-case, so it never equals them and
// every file yields a suggestion, whatever the model answers.
const FILES = {
  'SCAN_0001.txt': 'Invoice from ACME Corp, 12 July 2025. Total due: 420 EUR by 31 July.\n',
  'DOC_0002.txt': 'Minutes of the Riverside Tennis Club committee meeting, 3 June 2025.\n',
};

describe('tinyarms watch', () => {
  it('makes one suggestion per new file, prints its line, and stops cleanly on Ctrl-C', async () => {
    const { dataDir, inbox } = watchedSetup();
    const watch = await startWatch(dataDir);
    try {
      await untilWatching(watch);
      expect(watch.lines).toContain('Watching (Ctrl-C to stop):');
      expect(
        watch.lines.some((line) => line.includes(inbox) && line.includes('a name for each new file')),
      ).toBe(true);
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(inbox, name), text);
      const suggestionLines = () => watch.lines.filter((line) => SUGGESTION.test(line));
      await expect.poll(() => suggestionLines().length, { timeout: 8 * 60_000, interval: 500 }).toBe(2);
      console.info(suggestionLines().join('\n'));

      watch.child.kill('SIGINT');
      expect(await watch.exited).toBe(0);
      expect(watch.stderr()).toBe('');

      const printed = suggestionLines().map((line) => SUGGESTION.exec(line) as RegExpExecArray);
      expect(printed.map((m) => m[2]).sort()).toEqual(
        Object.keys(FILES)
          .map((name) => join(inbox, name))
          .sort(),
      );
      const { ctx, close } = openCore({ dataDir });
      try {
        const pending = ctx.store.suggestions.pending(ctx.clock.now());
        expect(pending.map((s) => s.task).sort()).toEqual(printed.map((m) => m[1]).sort());
        expect(pending.every((s) => s.skill === 'file-naming')).toBe(true);
      } finally {
        close();
      }
    } finally {
      if (watch.child.exitCode === null) watch.child.kill('SIGKILL');
    }
  });

  it('--once exits by itself once the first burst is done', async () => {
    const { dataDir, inbox } = watchedSetup();
    const watch = await startWatch(dataDir, '--once');
    try {
      await untilWatching(watch);
      writeFileSync(join(inbox, 'NOTE_0003.txt'), 'Shopping list: milk, eggs, bread.\n');
      expect(await watch.exited).toBe(0);
      expect(watch.lines.filter((line) => SUGGESTION.test(line))).toHaveLength(1);
    } finally {
      if (watch.child.exitCode === null) watch.child.kill('SIGKILL');
    }
  });

  it('names the missing model and the pull command before watching anything', () => {
    const { dataDir } = watchedSetup();
    const result = runTinyarms(['--data-dir', dataDir, 'watch'], { TINYARMS_MODEL: 'smollm2-135m-instruct' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^tinyarms: model smollm2-135m-instruct is not downloaded yet .*tinyarms model pull smollm2-135m-instruct/,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
