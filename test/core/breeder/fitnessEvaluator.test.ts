import { describe, expect, it } from 'vitest';
import { loadBreedingExamples } from '../../../src/core/breeder/breedingExamples';
import { createFitnessEvaluator } from '../../../src/core/breeder/fitnessEvaluator';
import { createRunBudget } from '../../../src/core/breeder/runBudget';
import { DEFAULT_EXAMPLE_POLICY } from '../../../src/core/examples/examplePolicy';
import type { Prompt } from '../../../src/core/runner/prompt';
import { fileNaming } from '../../../src/core/skills/fileNaming';
import { breederRepository } from '../../../src/core/store/breederRepository';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { scriptedModel } from './scriptedModel';
import { loadEvalCases, seedFileNamingFeedback } from './seedFileNamingFeedback';

const tempDir = makeTempDataDirs();
const v1: Prompt = { template: fileNaming.promptV1, examples: DEFAULT_EXAMPLE_POLICY };
/** A correction shown as a demonstration, named after its task. */
const demo = (task: string) => ({
  task,
  kind: 'corrected' as const,
  inputText: `name: ${task}.txt`,
  output: { filename: `${task}-example-name.txt` },
  createdAt: new Date(0),
});

describe('fitness cache', () => {
  it('keys outputs by (template hash, example, model) and survives a new evaluator', async () => {
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
    const score = await first.ev.score(v1, e0);
    expect(first.model.calls).toBe(1);
    expect(await first.ev.score(v1, e0)).toBe(score);
    expect(first.model.calls).toBe(1);
    expect(first.budget.cacheHits).toBe(1);

    const second = make();
    expect(second.ev.known(v1, e0)).toBe(score);
    await second.ev.score(v1, e1);
    await second.ev.score({ ...v1, template: `${fileNaming.promptV1}\nBe brief.` }, e0);
    expect(second.model.calls).toBe(2);

    const otherModel = scriptedModel();
    Object.assign(otherModel, { id: 'another-model' });
    const third = make(otherModel);
    expect(third.ev.known(v1, e0)).toBeUndefined();
    core.close();
  });

  it('scores a name generated alone (no alternatives) as the full scorer would', async () => {
    const core = openTestCore(tempDir());
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 1));
    const [example] = loadBreedingExamples(core.ctx, fileNaming);
    const budget = createRunBudget({ maxCalls: 10, maxMs: 60_000 });
    const model = scriptedModel();
    const ev = createFitnessEvaluator({
      model,
      skill: fileNaming,
      repo: breederRepository(core.ctx.store.db),
      budget,
      clock: core.ctx.clock,
    });
    if (!example) throw new Error('no example');
    const score = await ev.score(v1, example);
    expect(model.calls).toBe(1);
    const [output] = [...ev.outputs(v1, [example]).values()] as {
      filename: string;
      alternatives: string[];
    }[];
    expect(output?.alternatives).toEqual([]);
    expect(score).toBeCloseTo(
      fileNaming.score(
        { filename: output?.filename ?? '', reasoning: 'x', alternatives: ['a', 'b'] },
        example.reference as { filename: string },
      ),
      10,
    );
    core.close();
  });

  it('never shows an example its own answer, and keys the cache by the examples shown', async () => {
    const core = openTestCore(tempDir());
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 3));
    const examples = loadBreedingExamples(core.ctx, fileNaming);
    const [e0] = examples;
    if (!e0) throw new Error('no example');
    const model = scriptedModel();
    let bank = examples.map((e) => e.id);
    // A selector that offers the example itself among the others: the evaluator must leave it out.
    const evaluator = () =>
      createFitnessEvaluator({
        model,
        skill: fileNaming,
        repo: breederRepository(core.ctx.store.db),
        budget: createRunBudget({ maxCalls: 10, maxMs: 60_000 }),
        clock: core.ctx.clock,
        demonstrations: (policy) => bank.slice(0, policy.k + 1).map(demo),
      });
    await evaluator().score(v1, e0);
    const turns = model.requests[0]?.turns ?? [];
    expect(bank.slice(0, DEFAULT_EXAMPLE_POLICY.k + 1)).toContain(e0.id);
    expect(turns.map((t) => t.assistant)).not.toContain(`{"filename": "${e0.id}-example-name.txt"}`);
    expect(turns).toHaveLength(DEFAULT_EXAMPLE_POLICY.k);
    // A bank that changed since: not a cache hit, the model would run again.
    bank = [...bank].reverse();
    const again = evaluator();
    expect(again.known(v1, e0)).toBeUndefined();
    core.close();
  });

  it('shares an output between policies that show the model the same demonstrations', async () => {
    const core = openTestCore(tempDir());
    seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 4));
    const [e0, ...others] = loadBreedingExamples(core.ctx, fileNaming);
    if (!e0) throw new Error('no example');
    const model = scriptedModel();
    // Policies differ in k, but the bank has only one other example to show.
    const ids = others.map((e) => e.id);
    const ev = createFitnessEvaluator({
      model,
      skill: fileNaming,
      repo: breederRepository(core.ctx.store.db),
      budget: createRunBudget({ maxCalls: 10, maxMs: 60_000 }),
      clock: core.ctx.clock,
      demonstrations: (policy) => ids.slice(0, Math.min(policy.k, 1)).map(demo),
    });
    const k2 = { ...v1, examples: { ...DEFAULT_EXAMPLE_POLICY, k: 2 } };
    const k3 = { ...v1, examples: { ...DEFAULT_EXAMPLE_POLICY, k: 3 } };
    const first = await ev.score(k2, e0);
    expect(ev.known(k3, e0)).toBe(first);
    expect(await ev.score(k3, e0)).toBe(first);
    expect(model.calls).toBe(1);
    // Showing different demonstrations (here none) is another prompt to the model: a call.
    await ev.score({ ...v1, examples: { ...DEFAULT_EXAMPLE_POLICY, k: 0 } }, e0);
    expect(model.calls).toBe(2);
    core.close();
  });
});
