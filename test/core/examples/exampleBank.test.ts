import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../src/core/coreContext';
import { recordFeedback } from '../../../src/core/evolution/feedback';
import {
  DEFAULT_EXAMPLE_POLICY,
  type ExamplePolicy,
  NO_EXAMPLES,
} from '../../../src/core/examples/examplePolicy';
import { selectExamples } from '../../../src/core/examples/selectExamples';
import { shapedByLine, shapingExamples } from '../../../src/core/examples/shapedBy';
import { fileNaming, formatFileNamingInput, skills } from '../../../src/core/skills';
import { migrations } from '../../../src/core/store/migrations';
import { DATABASE_FILE } from '../../../src/core/store/openDatabase';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const HOUR = 3_600_000;

const files = {
  invoice: {
    originalName: 'Scan 1.pdf',
    extension: 'pdf',
    excerpt: 'INVOICE Acme Corp, July 2025, total due $120',
  },
  recipe: {
    originalName: 'new.txt',
    extension: 'txt',
    excerpt: 'Banana bread: bananas, flour, eggs, butter',
  },
  notes: { originalName: 'notes.md', extension: 'md', excerpt: '1:1 with Jordan, career goals, next steps' },
  invoice2: {
    originalName: 'Scan 9.pdf',
    extension: 'pdf',
    excerpt: 'INVOICE Globex Ltd, August 2025, total due $80',
  },
};

function task(ctx: CoreContext, input: unknown, filename: string): string {
  return ctx.store.write(() => {
    const created = ctx.store.tasks.createTask(
      { skill: 'file-naming', input, source: 'cli' },
      ctx.clock.now(),
    );
    ctx.store.tasks.addRun(
      {
        task: created.id,
        promptVersion: 1,
        variant: null,
        arm: 'original',
        output: { filename, reasoning: 'r', alternatives: ['a', 'b'] },
        latencyMs: 1,
        tokens: 1,
        model: 'test',
      },
      ctx.clock.now(),
    );
    return created.id;
  });
}

function seeded() {
  const core = openTestCore(newDir());
  const ctx = core.ctx;
  const ids = {
    invoice: task(ctx, files.invoice, 'scan-1-document.pdf'),
    recipe: task(ctx, files.recipe, 'banana-bread-recipe.txt'),
    notes: task(ctx, files.notes, 'notes-file-name.md'),
  };
  recordFeedback(ctx, {
    task: ids.invoice,
    verdict: 'corrected',
    correction: { filename: 'acme-invoice-july-2025.pdf' },
  });
  core.clock.advance(HOUR);
  recordFeedback(ctx, { task: ids.recipe, verdict: 'accepted' });
  core.clock.advance(HOUR);
  recordFeedback(ctx, { task: ids.notes, verdict: 'rejected' });
  return { core, ctx, ids };
}

const text = (input: (typeof files)[keyof typeof files]) => formatFileNamingInput(input);
const policy = (p: Partial<ExamplePolicy>): ExamplePolicy => ({ ...DEFAULT_EXAMPLE_POLICY, ...p });

describe('the example bank', () => {
  it('keeps each verdict as an example: the output stood behind, the rejected one, or a negative', () => {
    const { core, ctx, ids } = seeded();
    expect(ctx.store.examples.forTask(ids.invoice)).toMatchObject({
      kind: 'corrected',
      output: { filename: 'acme-invoice-july-2025.pdf', reasoning: 'r' },
      reference: { filename: 'acme-invoice-july-2025.pdf' },
      rejected: { filename: 'scan-1-document.pdf' },
      inputText: text(files.invoice),
    });
    expect(ctx.store.examples.forTask(ids.recipe)).toMatchObject({ kind: 'accepted', rejected: null });
    expect(ctx.store.examples.forTask(ids.notes)).toMatchObject({ kind: 'negative', output: null });
    // A second verdict replaces the first.
    recordFeedback(ctx, {
      task: ids.notes,
      verdict: 'corrected',
      correction: { filename: 'jordan-one-on-one-notes.md' },
    });
    expect(ctx.store.examples.count('file-naming')).toEqual({ accepted: 1, corrected: 2, negative: 0 });
    core.close();
  });

  it('finds the most similar examples first, never a rejection, never an excluded task', () => {
    const { core, ctx, ids } = seeded();
    const similar = selectExamples(
      ctx.store,
      'file-naming',
      policy({ k: 3, order: 'best-first' }),
      text(files.invoice2),
    );
    expect(similar[0]?.task).toBe(ids.invoice);
    expect(similar.map((d) => d.task)).not.toContain(ids.notes);
    const last = selectExamples(ctx.store, 'file-naming', policy({ k: 2 }), text(files.invoice2));
    expect(last.at(-1)?.task).toBe(ids.invoice); // best-last: nearest the task
    const without = selectExamples(
      ctx.store,
      'file-naming',
      policy({ k: 3 }),
      text(files.invoice2),
      new Set([ids.invoice]),
    );
    expect(without.map((d) => d.task)).not.toContain(ids.invoice);
    core.close();
  });

  it('follows the policy: none, the most recent, a fixed set, oldest first', () => {
    const { core, ctx, ids } = seeded();
    const q = text(files.invoice2);
    expect(selectExamples(ctx.store, 'file-naming', policy({ k: 0 }), q)).toEqual([]);
    expect(
      selectExamples(ctx.store, 'file-naming', policy({ k: 1, selection: 'recent' }), q).map((d) => d.task),
    ).toEqual([ids.recipe]);
    expect(
      selectExamples(
        ctx.store,
        'file-naming',
        policy({ k: 2, selection: 'fixed', fixed: [ids.recipe, ids.notes] }),
        q,
      ).map((d) => d.task),
    ).toEqual([ids.recipe]);
    expect(
      selectExamples(
        ctx.store,
        'file-naming',
        policy({ k: 2, selection: 'recent', order: 'oldest-first' }),
        q,
      ).map((d) => d.task),
    ).toEqual([ids.invoice, ids.recipe]);
    core.close();
  });

  it('says what shaped an output', () => {
    const { core, ctx, ids } = seeded();
    const shown = selectExamples(ctx.store, 'file-naming', policy({ k: 2 }), text(files.invoice2));
    const examples = shapingExamples(fileNaming, shown);
    expect(examples[0]).toMatchObject({
      task: ids.invoice,
      kind: 'corrected',
      label: 'acme-invoice-july-2025.pdf',
    });
    expect(shapedByLine(fileNaming, examples, ctx.clock.now())).toBe(
      'named like acme-invoice-july-2025.pdf, which you chose on 2 Mar (and 1 more example)',
    );
    expect(shapedByLine(fileNaming, [], ctx.clock.now())).toBeNull();
    core.close();
  });

  it('a database from before the bank gets it from its feedback, and its prompts the default policy', () => {
    const dir = newDir();
    // Schema 3 with a correction, as a tinyArms of before migration 4 left it.
    const db = new Database(join(dir, DATABASE_FILE));
    for (const m of migrations.filter((m) => m.version <= 3)) db.exec(m.sql);
    db.pragma('user_version = 3');
    const at = '2026-03-01T10:00:00.000Z';
    db.prepare("INSERT INTO skills VALUES ('file-naming', 'File naming', 'd', 1, 1)").run();
    db.prepare(
      "INSERT INTO prompt_versions (skill, version, template, source, created_at) VALUES ('file-naming', 1, '{{input}}', 'initial', ?)",
    ).run(at);
    db.prepare("INSERT INTO tasks VALUES ('t-old', 'file-naming', ?, ?, 'cli')").run(
      JSON.stringify(files.invoice),
      at,
    );
    db.prepare(
      "INSERT INTO task_runs (task, prompt_version, arm, output, created_at) VALUES ('t-old', 1, 'original', ?, ?)",
    ).run(JSON.stringify({ filename: 'scan-1.pdf', reasoning: '', alternatives: [] }), at);
    db.prepare("INSERT INTO feedback VALUES ('t-old', 'file-naming', 1, 'corrected', ?, ?)").run(
      JSON.stringify({ filename: 'acme-invoice-july-2025.pdf' }),
      at,
    );
    db.close();

    const core = openTestCore(dir);
    expect(core.ctx.store.examples.forTask('t-old')).toMatchObject({
      kind: 'corrected',
      output: { filename: 'acme-invoice-july-2025.pdf' },
    });
    expect(core.ctx.store.prompts.getVersion('file-naming', 1)?.examplePolicy).toEqual(
      DEFAULT_EXAMPLE_POLICY,
    );
    expect(core.ctx.store.tasks.runsFor('t-old')[0]?.examples).toEqual([]);
    core.close();
  });

  it('a fresh install gives every skill its v1 policy: code linting none, the others the default', () => {
    const core = openTestCore(newDir());
    for (const skill of skills) {
      expect(core.ctx.store.prompts.activeVersion(skill.id).examplePolicy, skill.id).toEqual(
        skill.examplePolicyV1,
      );
    }
    expect(core.ctx.store.prompts.activeVersion('code-linting').examplePolicy).toEqual(NO_EXAMPLES);
    core.close();
  });
});
