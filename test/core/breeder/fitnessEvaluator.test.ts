import { describe, expect, it } from 'vitest';
import { loadBreedingExamples } from '../../../src/core/breeder/breedingExamples';
import { createFitnessEvaluator } from '../../../src/core/breeder/fitnessEvaluator';
import { createRunBudget } from '../../../src/core/breeder/runBudget';
import { fileNaming } from '../../../src/core/skills/fileNaming';
import { breederRepository } from '../../../src/core/store/breederRepository';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { scriptedModel } from './scriptedModel';
import { loadEvalCases, seedFileNamingFeedback } from './seedFileNamingFeedback';

const tempDir = makeTempDataDirs();

describe('fitness cache', () => {
  it('keys outputs by (prompt hash, example, model) and survives a new evaluator', async () => {
    const core = openTestCore(tempDir());
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 3));
    const examples = loadBreedingExamples(core.ctx, fileNaming);
    const repo = breederRepository(core.ctx.store.db);
    const make = (model = scriptedModel()) => {
      const budget = createRunBudget({ maxCalls: 100, maxMs: 60_000 });
      return {
        model,
        budget,
        ev: createFitnessEvaluator({ model, skill: fileNaming, repo, budget, clock: core.ctx.clock }),
      };
    };
    const [e0, e1] = examples as [(typeof examples)[0], (typeof examples)[0]];
    const first = make();
    const score = await first.ev.score(fileNaming.promptV1, e0);
    expect(first.model.calls).toBe(1);
    expect(await first.ev.score(fileNaming.promptV1, e0)).toBe(score);
    expect(first.model.calls).toBe(1);
    expect(first.budget.cacheHits).toBe(1);

    const second = make();
    expect(second.ev.known(fileNaming.promptV1, e0)).toBe(score);
    await second.ev.score(fileNaming.promptV1, e1);
    await second.ev.score(`${fileNaming.promptV1}\nBe brief.`, e0);
    expect(second.model.calls).toBe(2);

    const otherModel = scriptedModel();
    Object.assign(otherModel, { id: 'another-model' });
    const third = make(otherModel);
    expect(third.ev.known(fileNaming.promptV1, e0)).toBeUndefined();
    core.close();
  });

  it('scores with the filename-only projection the same as the full scorer would', async () => {
    const core = openTestCore(tempDir());
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 1));
    const [example] = loadBreedingExamples(core.ctx, fileNaming);
    const budget = createRunBudget({ maxCalls: 10, maxMs: 60_000 });
    const ev = createFitnessEvaluator({
      model: scriptedModel(),
      skill: fileNaming,
      repo: breederRepository(core.ctx.store.db),
      budget,
      clock: core.ctx.clock,
    });
    if (!example) throw new Error('no example');
    const score = await ev.score(fileNaming.promptV1, example);
    const [output] = [...ev.outputs(fileNaming.promptV1).values()] as { filename: string }[];
    expect(output && Object.keys(output)).toEqual(['filename']);
    expect(score).toBeCloseTo(
      fileNaming.score(
        { filename: output?.filename ?? '', reasoning: 'x', alternatives: ['a', 'b'] },
        example.reference as { filename: string },
      ),
      10,
    );
    core.close();
  });
});
