import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from '../../../src/core/coreContext';
import { recordFeedback } from '../../../src/core/evolution/feedback';
import { splitFilename } from '../../../src/core/skills/fileNaming';

/** `../shared/eval/file-naming.jsonl`: real-looking files with the name a person would give them. */
export const EVAL_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'eval',
  'file-naming.jsonl',
);

export interface EvalCase {
  id: string;
  name: string;
  content: string;
  reference: string;
}

export function loadEvalCases(file = EVAL_FILE): EvalCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalCase);
}

export function fileNamingInput(c: EvalCase) {
  return {
    originalName: c.name,
    extension: splitFilename(c.name).extension.toLowerCase(),
    excerpt: c.content,
  };
}

/**
 * Seeds a data folder through the core API as a user's history would: one task per case, the v1
 * prompt's (stand-in) output as its run, and the user's correction (the reference name) as feedback.
 * The stand-in output is what a weak prompt produces: the original name, kebab-cased.
 */
export function seedFileNamingFeedback(ctx: CoreContext, cases: readonly EvalCase[]): string[] {
  return cases.map((c) => {
    const input = fileNamingInput(c);
    const stem =
      splitFilename(c.name)
        .stem.toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'file';
    const weak = `${stem}-document-file`.slice(0, 40);
    const ext = input.extension ? `.${input.extension}` : '';
    const task = ctx.store.write(() => {
      const created = ctx.store.tasks.createTask(
        { skill: 'file-naming', input, source: 'cli' },
        ctx.clock.now(),
      );
      ctx.store.tasks.addRun(
        {
          task: created.id,
          promptVersion: ctx.store.prompts.activeVersion('file-naming').version,
          variant: null,
          arm: 'original',
          output: {
            filename: `${weak}${ext}`,
            reasoning: 'From the original name.',
            alternatives: [`${weak}-1${ext}`, `${weak}-2${ext}`],
          },
          latencyMs: null,
          tokens: null,
          model: 'seed',
        },
        ctx.clock.now(),
      );
      return created;
    });
    recordFeedback(ctx, { task: task.id, verdict: 'corrected', correction: { filename: c.reference } });
    return task.id;
  });
}
