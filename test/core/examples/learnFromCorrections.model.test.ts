import { describe, expect, it } from 'vitest';
import { loadBreedingExamples } from '../../../src/core/breeder/breedingExamples';
import { createFitnessEvaluator } from '../../../src/core/breeder/fitnessEvaluator';
import { createRunBudget } from '../../../src/core/breeder/runBudget';
import { recordFeedback } from '../../../src/core/evolution/feedback';
import { DEFAULT_EXAMPLE_POLICY } from '../../../src/core/examples/examplePolicy';
import { selectExamples } from '../../../src/core/examples/selectExamples';
import { runSkill } from '../../../src/core/runner/runSkill';
import { fileNaming, formatStoredInput, isValidFilename, splitFilename } from '../../../src/core/skills';
import { fileNameAnswer } from '../../../src/core/skills/fileNamingGeneration';
import { breederRepository } from '../../../src/core/store/breederRepository';
import { openTestCore } from '../../support/openTestCore';
import { recordingModel } from '../../support/recordingModel';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { testLanguageModel } from '../../support/testModel';

// The real SmolLM2-135M: a handful of short calls. Assertions are on what the code guarantees (the
// bank, the prompt that was built, the name's format), never on the words the model picks.
const TIMEOUT_MS = 10 * 60_000;
const newDir = makeTempDataDirs();

const invoice = (n: number, vendor: string, month: string) => ({
  originalName: `Scan ${n}.pdf`,
  extension: 'pdf',
  excerpt: `INVOICE\n${vendor}\nInvoice date: 3 ${month} 2025\nTotal due: $${n * 10}.00`,
});
const recipe = {
  originalName: 'new.txt',
  extension: 'txt',
  excerpt: 'Banana bread\n3 ripe bananas, 200 g flour, 2 eggs, 100 g butter. Bake 50 minutes at 180C.',
};

describe('learning from corrections on the real model', () => {
  it(
    'the bank grows with every answer and the next similar file is shown the correction',
    async () => {
      const core = openTestCore(newDir());
      const model = recordingModel(await testLanguageModel());
      const run = (input: unknown) =>
        runSkill(core.ctx, model, 'file-naming', input, { source: 'cli', alternatives: true });

      // An empty bank: v1 runs exactly as before, with no demonstration.
      const first = await run(invoice(12, 'Acme Corp', 'July'));
      expect(model.requests.every((r) => (r.turns ?? []).length === 0)).toBe(true);
      expect(first.shapedBy).toEqual([]);
      expect(first.shapedByLine).toBeNull();

      recordFeedback(core.ctx, {
        task: first.task,
        verdict: 'corrected',
        correction: { filename: 'acme-invoice-july-2025.pdf' },
      });
      const unrelated = await run(recipe);
      recordFeedback(core.ctx, { task: unrelated.task, verdict: 'accepted' });
      expect(core.ctx.store.examples.count('file-naming')).toEqual({
        accepted: 1,
        corrected: 1,
        negative: 0,
      });

      // The very next invoice is shown the user's correction, nearest the task, and says so.
      model.requests.length = 0;
      const next = await run(invoice(7, 'Globex Ltd', 'August'));
      const turns = model.requests[0]?.turns ?? [];
      expect(turns.at(-1)?.assistant).toBe(fileNameAnswer('acme-invoice-july-2025.pdf'));
      expect(turns.at(-1)?.user).toContain('Acme Corp');
      expect(next.shapedBy[0]).toMatchObject({
        task: first.task,
        kind: 'corrected',
        label: 'acme-invoice-july-2025.pdf',
      });
      expect(next.shapedByLine).toBe(
        'named like acme-invoice-july-2025.pdf, which you chose on 2 Mar (and 1 more example)',
      );
      expect(core.ctx.store.tasks.runsFor(next.task)[0]?.examples.at(-1)).toBe(first.task);

      // Whatever the model wrote: a valid name with the file's own extension, distinct alternatives.
      const output = next.output as { filename: string; alternatives: string[] };
      for (const name of [output.filename, ...output.alternatives]) {
        expect(isValidFilename(name)).toBe(true);
        expect(splitFilename(name).extension).toBe('pdf');
      }
      expect(new Set([output.filename, ...output.alternatives]).size).toBe(3);

      // A rejection without a correction is kept as a negative and never shown.
      recordFeedback(core.ctx, { task: next.task, verdict: 'rejected' });
      expect(core.ctx.store.examples.count('file-naming')).toEqual({
        accepted: 1,
        corrected: 1,
        negative: 1,
      });
      const shown = selectExamples(
        core.ctx.store,
        'file-naming',
        { ...DEFAULT_EXAMPLE_POLICY, k: 6 },
        'INVOICE',
      );
      expect(shown.map((d) => d.task)).not.toContain(next.task);
      core.close();
    },
    TIMEOUT_MS,
  );

  it(
    'fitness never shows an example its own answer (leave-one-out)',
    async () => {
      const core = openTestCore(newDir());
      const model = recordingModel(await testLanguageModel());
      const tasks = [];
      for (const [n, vendor] of [
        [3, 'Acme Corp'],
        [4, 'Initech'],
      ] as const) {
        const done = await runSkill(core.ctx, model, 'file-naming', invoice(n, vendor, 'May'), {
          source: 'cli',
        });
        tasks.push(done.task);
      }
      recordFeedback(core.ctx, {
        task: tasks[0] ?? '',
        verdict: 'corrected',
        correction: { filename: 'acme-corp-invoice-may-2025.pdf' },
      });
      recordFeedback(core.ctx, {
        task: tasks[1] ?? '',
        verdict: 'corrected',
        correction: { filename: 'initech-invoice-may-2025.pdf' },
      });
      const examples = loadBreedingExamples(core.ctx, fileNaming);
      const evaluator = createFitnessEvaluator({
        model,
        skill: fileNaming,
        repo: breederRepository(core.ctx.store.db),
        budget: createRunBudget({ maxCalls: 10, maxMs: 600_000 }),
        clock: core.ctx.clock,
        demonstrations: (policy, example) =>
          selectExamples(
            core.ctx.store,
            'file-naming',
            policy,
            formatStoredInput(fileNaming, example.input),
            new Set([example.id]),
          ),
      });
      model.requests.length = 0;
      for (const example of examples) {
        await evaluator.score({ template: fileNaming.promptV1, examples: DEFAULT_EXAMPLE_POLICY }, example);
      }
      expect(model.requests).toHaveLength(2);
      const answers = model.requests.map((r) => (r.turns ?? []).map((t) => t.assistant));
      // Each example is shown the other one's correction, never its own.
      const own = examples.map((e) => fileNameAnswer((e.reference as { filename: string }).filename));
      expect(answers[0]).not.toContain(own[0]);
      expect(answers[1]).not.toContain(own[1]);
      expect(answers[0]).toContain(own[1]);
      expect(answers[1]).toContain(own[0]);
      core.close();
    },
    TIMEOUT_MS,
  );
});
