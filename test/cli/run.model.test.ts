import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FILE_EXCERPT_MAX_CHARS,
  type FileNamingInput,
  isValidFilename,
  splitFilename,
} from '../../src/core/skills';
import { fileOwnText } from '../../src/core/skills/fileNamingGeneration';
import { fileNamingVocabulary, plainWords } from '../../src/core/skills/fileNamingVocabulary';
import { openTestCore } from '../support/openTestCore';
import { runTinyarms } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testModelPath } from '../support/testModel';

const newDir = makeTempDataDirs();

describe('tinyarms run', () => {
  it(
    'file-naming on a real text file prints a valid name of the file’s own words and records the task',
    async () => {
      const dataDir = newDir();
      // Threads set explicitly: the machine is shared (see DESIGN §7).
      writeFileSync(join(dataDir, 'config.yaml'), 'model:\n  threads: 2\n  context_size: 4096\n');
      const file = join(newDir(), 'some-file.txt');
      const text =
        'Minutes of the Riverside Tennis Club committee meeting, 3 June 2025.\n' +
        'Present: Ana, Ben, Chloe. Agreed: new court lights, summer tournament on 12 July.\n';
      writeFileSync(file, text);
      const env = { TINYARMS_MODEL: await testModelPath() };
      const { code, stdout, stderr } = runTinyarms(
        ['--data-dir', dataDir, 'run', 'file-naming', file, '--alternatives', '--json'],
        env,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const printed = JSON.parse(stdout) as {
        task: string;
        skill: string;
        arm: string;
        output: { filename: string; alternatives: string[] };
        latencyMs: number;
        valid: boolean;
      };
      console.info(`tinyarms run file-naming some-file.txt → ${JSON.stringify(printed.output)}`);
      expect(printed).toMatchObject({ skill: 'file-naming', arm: 'v1', valid: true });
      expect(printed.latencyMs).toBeGreaterThan(0);
      // What the generation guarantees, whatever the model prefers: every name kebab-case with a
      // 15–40 character stem and the file's own extension, three distinct names, and only words of the
      // file (or of the type lexicon): nothing copied from the prompt's examples.
      const names = [printed.output.filename, ...printed.output.alternatives];
      expect(new Set(names).size).toBe(3);
      const core = openTestCore(dataDir);
      const recorded = core.ctx.store.tasks.getTask(printed.task)?.input as FileNamingInput;
      const vocabulary = new Set(fileNamingVocabulary(fileOwnText(recorded, FILE_EXCERPT_MAX_CHARS)));
      for (const name of names) {
        expect(isValidFilename(name)).toBe(true);
        expect(splitFilename(name).extension).toBe('txt');
        for (const word of plainWords(splitFilename(name).stem)) expect(vocabulary).toContain(word);
      }

      expect(core.ctx.store.tasks.getTask(printed.task)).toMatchObject({
        skill: 'file-naming',
        source: 'cli',
        input: { originalName: 'some-file.txt', extension: 'txt' },
      });
      expect(core.ctx.store.tasks.runsFor(printed.task)).toMatchObject([
        { arm: 'original', promptVersion: 1, output: printed.output },
      ]);
      core.close();

      // Without --alternatives only the name is generated (the alternatives cost as much again).
      const plain = runTinyarms(['--data-dir', dataDir, 'run', 'file-naming', file], env);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^Proposed name: \S+\.txt$/m);
      expect(plain.stdout).not.toMatch(/^ {2}or: /m);
      const again = openTestCore(dataDir);
      const latest = again.ctx.store.db.prepare('SELECT id FROM tasks ORDER BY rowid DESC LIMIT 1').get() as {
        id: string;
      };
      expect(again.ctx.store.tasks.runsFor(latest.id)[0]?.output).toMatchObject({ alternatives: [] });
      again.close();
    },
    10 * 60_000,
  );

  it('names the missing model and the pull command, and records nothing', async () => {
    const dataDir = newDir();
    const file = join(newDir(), 'a.txt');
    writeFileSync(file, 'hello');
    const result = runTinyarms(['--data-dir', dataDir, 'run', 'file-naming', file], {
      TINYARMS_MODEL: 'smollm2-135m-instruct',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tinyarms: .*tinyarms model pull smollm2-135m-instruct/);
    const core = openTestCore(dataDir);
    expect((core.ctx.store.db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(0);
    core.close();
  });

  it('refuses an unknown skill before touching the model', async () => {
    const result = runTinyarms(['--data-dir', newDir(), 'run', 'poetry', 'x.txt'], {
      TINYARMS_MODEL: '/nope.gguf',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown skill "poetry"/);
  });
});
