import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { createManualSession } from '../../../src/core/evolution/abSession';
import { recordFeedback } from '../../../src/core/evolution/feedback';
import { openCore } from '../../../src/core/openCore';
import { seededRng } from '../../../src/core/rng';
import { runSkill } from '../../../src/core/runner/runSkill';
import { OutputSchemaError } from '../../../src/core/runner/runTemplate';
import { T0 } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { scriptedModel } from './scriptedModel';

const newDir = makeTempDataDirs();

const input = {
  originalName: 'Scan 3.pdf',
  extension: 'pdf',
  sizeBytes: 52_000,
  excerpt: 'INVOICE Acme Corp July 2025',
};
const alternatives = ['acme-corp-invoice-2025.pdf', 'invoice-acme-july-2025.pdf'];
const out = (filename: string) => ({ filename, reasoning: 'An Acme invoice.', alternatives });
/** What the skill returns for a scripted name: the names as written, the reasoning composed by the skill. */
const named = (filename: string) => ({ filename });
const V1 = 'You rename files.';
const variantA = 'VARIANT-A: name this file in kebab-case.\n{{input}}';
const variantB = 'VARIANT-B: name this file in kebab-case.\n{{input}}';
const variantC = 'VARIANT-C: name this file in kebab-case.\n{{input}}';

/** A core whose rng counts its draws; `showProbability` goes through config.yaml like a user's. */
function open(showProbability?: number) {
  const dir = newDir();
  if (showProbability !== undefined) {
    writeFileSync(join(dir, 'config.yaml'), `ab_testing:\n  show_probability: ${showProbability}\n`);
  }
  const inner = seededRng(7);
  const draws = { count: 0 };
  const opened = openCore({
    dataDir: dir,
    clock: fixedClock(T0),
    rng: () => {
      draws.count += 1;
      return inner();
    },
  });
  if (opened.configError) throw opened.configError;
  return { ...opened, draws };
}

const countTasks = (ctx: ReturnType<typeof open>['ctx']) =>
  (ctx.store.db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;

describe('runSkill', () => {
  it('runs the active prompt, records the task and its run, and leaves the rng alone without a test', async () => {
    const core = open();
    const model = scriptedModel([{ marker: V1, output: out('acme-invoice-july-2025.pdf') }]);
    const result = await runSkill(core.ctx, model, 'file-naming', input, {
      source: 'cli',
      alternatives: true,
    });
    expect(result).toMatchObject({
      skill: 'file-naming',
      promptVersion: 1,
      output: { filename: 'acme-invoice-july-2025.pdf', alternatives },
      valid: true,
      comparison: null,
      model: 'scripted',
    });
    // The proposal, then two alternatives that may not start like the names before them.
    expect(model.calls.map((c) => c.words?.notFirst)).toEqual([[], ['acme'], ['acme', 'acme']]);
    expect(model.calls[0]?.user).toContain('name: Scan 3.pdf');
    expect(core.draws.count).toBe(0);
    const task = core.ctx.store.tasks.getTask(result.task);
    expect(task).toMatchObject({ skill: 'file-naming', source: 'cli', input });
    const runs = core.ctx.store.tasks.runsFor(result.task);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      arm: 'original',
      promptVersion: 1,
      variant: null,
      // Latency and tokens of a run are summed over its calls (7 ms each here).
      latencyMs: 3 * 7,
      model: 'scripted',
    });
    expect(runs[0]?.tokens).toBe(
      model.calls.reduce((sum, c) => sum + (c.words ? c.words.prefix.length : 0), 0) +
        ['acme-invoice-july-2025', ...alternatives.map((a) => a.replace('.pdf', ''))].join('').length +
        3 * '.pdf"}'.length,
    );
    core.close();
  });

  it('generates only the name unless the run asks for alternatives', async () => {
    const core = open();
    const model = scriptedModel([{ marker: V1, output: out('acme-invoice-july-2025.pdf') }]);
    const result = await runSkill(core.ctx, model, 'file-naming', input, { source: 'cli' });
    expect(result.output).toMatchObject({ filename: 'acme-invoice-july-2025.pdf', alternatives: [] });
    expect(result.valid).toBe(true);
    expect(model.calls).toHaveLength(1);
    expect(core.ctx.store.tasks.runsFor(result.task)[0]?.output).toMatchObject({ alternatives: [] });
    core.close();
  });

  it('reports an output that breaks the format rules as not valid, still recorded', async () => {
    const core = open();
    const model = scriptedModel([{ marker: V1, output: out('Acme Invoice July 2025.pdf') }]);
    const result = await runSkill(core.ctx, model, 'file-naming', input, { source: 'cli' });
    expect(result.valid).toBe(false);
    expect(core.ctx.store.tasks.runsFor(result.task)).toHaveLength(1);
    core.close();
  });

  it('records nothing when the model output fails the schema', async () => {
    const core = open();
    const model = scriptedModel([{ marker: V1, output: { filename: 'too-short.pdf' } }]);
    await expect(runSkill(core.ctx, model, 'file-naming', input, { source: 'cli' })).rejects.toThrow(
      OutputSchemaError,
    );
    expect(countTasks(core.ctx)).toBe(0);
    core.close();
  });

  it('rejects an input that does not fit the skill before calling the model', async () => {
    const core = open();
    const model = scriptedModel([]);
    await expect(
      runSkill(core.ctx, model, 'file-naming', { originalName: '' }, { source: 'cli' }),
    ).rejects.toThrow();
    await expect(runSkill(core.ctx, model, 'no-such-skill', input, { source: 'cli' })).rejects.toThrow(
      /unknown skill "no-such-skill"/,
    );
    expect(model.calls).toHaveLength(0);
    core.close();
  });

  it('shows every arm of a 3-arm test when the draw says so, identical outputs once, one run per arm', async () => {
    const core = open(1);
    const { session } = createManualSession(core.ctx, 'file-naming', [variantA, variantB]);
    const model = scriptedModel([
      { marker: V1, output: out('acme-invoice-july-2025.pdf') },
      { marker: 'VARIANT-A', output: out('acme-invoice-july-2025.pdf') },
      { marker: 'VARIANT-B', output: out('acme-corp-invoice-2025-07.pdf') },
    ]);
    const result = await runSkill(core.ctx, model, 'file-naming', input, {
      source: 'cli',
      alternatives: true,
    });
    expect(model.proposals()).toHaveLength(3);
    // The arms' outputs are the choice: no alternatives, so equal names are equal outputs.
    expect(model.calls).toHaveLength(3);
    expect(result.output).toMatchObject({ filename: 'acme-invoice-july-2025.pdf', alternatives: [] });
    expect(result.comparison?.session).toBe(session.id);
    expect([...(result.comparison?.shown ?? [])].sort()).toEqual(['A', 'B', 'original']);
    const groups = result.comparison?.outputs ?? [];
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.arms.length === 2)?.arms.sort()).toEqual(['A', 'original']);
    expect(groups.find((g) => g.arms.length === 1)).toMatchObject({
      arms: ['B'],
      output: named('acme-corp-invoice-2025-07.pdf'),
    });
    const runs = core.ctx.store.tasks.runsFor(result.task);
    const variants = core.ctx.store.sessions.variantsOf(session.id);
    expect(runs.map((r) => r.arm).sort()).toEqual(['A', 'B', 'original']);
    expect(runs[0]).toMatchObject({ arm: 'original', promptVersion: 1, variant: null });
    for (const letter of ['A', 'B']) {
      expect(runs.find((r) => r.arm === letter)).toMatchObject({
        promptVersion: null,
        variant: variants.find((v) => v.letter === letter)?.id,
      });
    }
    // Feedback is charged to the active prompt, not to a variant shown beside it.
    const { feedback } = recordFeedback(core.ctx, { task: result.task, verdict: 'accepted' });
    expect(feedback.promptVersion).toBe(1);
    core.close();
  });

  it('never draws a comparison at show_probability 0, and draws once per task in a test', async () => {
    const core = open(0);
    createManualSession(core.ctx, 'file-naming', [variantA]);
    const model = scriptedModel([{ marker: V1, output: out('acme-invoice-july-2025.pdf') }]);
    for (let i = 0; i < 5; i++) {
      const result = await runSkill(core.ctx, model, 'file-naming', input, { source: 'cli' });
      expect(result.comparison).toBeNull();
    }
    expect(model.proposals()).toHaveLength(5);
    expect(core.draws.count).toBe(5);
    core.close();
  });

  it('labels the active run v<N> when the allocator leaves the control out', async () => {
    const core = open(1);
    createManualSession(core.ctx, 'file-naming', [variantA, variantB, variantC]);
    const model = scriptedModel([
      { marker: V1, output: out('acme-invoice-july-2025.pdf') },
      { marker: 'VARIANT-A', output: out('acme-corp-invoice-july-2025.pdf') },
      { marker: 'VARIANT-B', output: out('acme-corp-invoice-2025-07.pdf') },
      { marker: 'VARIANT-C', output: out('invoice-acme-corp-july-2025.pdf') },
    ]);
    let seenWithout = false;
    for (let i = 0; i < 40 && !seenWithout; i++) {
      const result = await runSkill(core.ctx, model, 'file-naming', input, { source: 'cli' });
      const shown = result.comparison?.shown ?? [];
      expect(shown.length).toBe(3);
      const runs = core.ctx.store.tasks.runsFor(result.task);
      expect(runs[0]).toMatchObject({ promptVersion: 1, variant: null });
      const shownFromRuns = runs.filter((r) => r.variant !== null || r.arm === 'original').map((r) => r.arm);
      expect(shownFromRuns.sort()).toEqual([...shown].sort());
      if (!shown.includes('original')) {
        seenWithout = true;
        expect(runs[0]?.arm).toBe('v1');
        expect(runs).toHaveLength(4);
      }
    }
    expect(seenWithout).toBe(true);
    core.close();
  });

  it('drops the comparison, not the task, when a variant output is unusable', async () => {
    const core = open(1);
    createManualSession(core.ctx, 'file-naming', [variantA]);
    const model = scriptedModel([
      { marker: V1, output: out('acme-invoice-july-2025.pdf') },
      { marker: 'VARIANT-A', output: { filename: 'x' } },
    ]);
    const result = await runSkill(core.ctx, model, 'file-naming', input, { source: 'cli' });
    expect(result.comparison).toBeNull();
    expect(result.warnings[0]).toMatch(/no comparison this time/);
    const runs = core.ctx.store.tasks.runsFor(result.task);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ arm: 'original', promptVersion: 1 });
    core.close();
  });
});
