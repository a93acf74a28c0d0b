/**
 * Child process for the kill -9 runs: does one kind of work in a loop through the real CLI entry
 * point and prints `ACK <id>` only after the command returned successfully, so whatever it printed
 * is a write the user was told about. The parent kills it at a random moment.
 *
 * usage: node --import tsx killWorker.ts <feedback|rename> <dataDir> <prefix>
 *   feedback: records a CLI task and answers it (accept, correct, reject in turn) with `tinyarms feedback`
 *   rename:   seeds a file-naming suggestion for a new file and accepts it (`tinyarms feedback --accept`)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/index';
import { openCore } from '../../src/core/openCore';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';

const [mode, dataDir, prefix] = process.argv.slice(2);
if ((mode !== 'feedback' && mode !== 'rename') || !dataDir || !prefix)
  throw new Error('usage: killWorker <feedback|rename> <dataDir> <prefix>');

const quiet = { stdout: () => {}, stderr: (text: string) => process.stderr.write(text), env: process.env };
// The seeding connection stays open, as the app's would: a kill leaves it as a crash does.
const core = openCore({ dataDir });
const { ctx } = core;
const verdicts = [['--accept'], ['--correct', '{"filename":"fixed-name.pdf"}'], ['--reject']] as const;

for (let i = 0; ; i++) {
  const id = `${prefix}-${i}`;
  let task: string;
  let answer: readonly string[];
  if (mode === 'feedback') {
    task = ctx.store.write(() => {
      const created = ctx.store.tasks.createTask(
        { skill: 'file-naming', input: { path: `/tmp/${id}.pdf` }, source: 'cli' },
        ctx.clock.now(),
      );
      ctx.store.tasks.addRun(
        {
          task: created.id,
          promptVersion: ctx.store.prompts.activeVersion('file-naming').version,
          variant: null,
          arm: 'original',
          output: namingOutput(`${id}.pdf`),
          latencyMs: 5,
          tokens: 10,
          model: 'seeded',
        },
        ctx.clock.now(),
      );
      return created.id;
    });
    answer = verdicts[i % verdicts.length] as readonly string[];
  } else {
    const path = join(dataDir, '..', 'inbox', `scan-${id}.pdf`);
    writeFileSync(path, `scan ${id}`);
    task = seedSuggestion(ctx, {
      skill: 'file-naming',
      path,
      outputs: { original: namingOutput(`named-${id}.pdf`) },
    });
    answer = ['--accept'];
  }
  process.stdout.write(`TASK ${task} ${id}\n`);
  const code = await runCli(['--data-dir', dataDir, 'feedback', task, ...answer, '--json'], quiet);
  if (code !== 0) process.exit(code);
  process.stdout.write(`ACK ${task} ${answer[0]}\n`);
}
