/**
 * The learning benchmark: does a skill get better from the user's corrections? Per skill and fold,
 * on held-out cases, with the real local model:
 * - `v1`: the shipped prompt and an empty example bank (a fresh install);
 * - `examples`: the same prompt after the user corrected 20 other cases (no evolution): the bank
 *   holds the corrections, and the 2 most similar are shown (v1's policy; code linting ships with
 *   none because of what this measures);
 * - `evolved` (with `--evolve`): a PromptBreeder run on that data folder, then its top variant.
 * Each with mean score and standard error, format validity, model calls and wall time.
 *
 * Folds. File naming: the 30 shared files are the user's history and their 30 hand-written twins
 * (same kind of file, other content) are the new files; fold f leaves a third of the history out,
 * so 20 twins have a corrected file of their kind in the bank ("seen") and 10 do not ("unseen").
 * The other skills: 10 kinds × 3 cases; fold f holds out each kind's f-th case and corrects the other two.
 *
 * `--lifecycle` adds a simulated ten weeks (see bench/support/lifecycle.ts).
 * `--transfer` instead measures cross-skill learning: file naming evolved first, then `--target`
 * (audio-actions) with and without its knowledge, over `--seeds` seeds at small breeder settings
 * (see bench/support/transferBench.ts).
 *
 * Usage: npx tsx bench/learn.bench.ts [--json] [--skills a,b] [--folds N] [--fold K] [--evolve]
 *   [--population N] [--generations N] [--lifecycle] [--weeks N] [--threads N] [--model <path.gguf>]
 *   [--transfer [--target audio-actions|markdown-analysis] [--seeds N]]
 * The model defaults to $TINYARMS_MODEL, else $TINYARMS_TEST_MODEL. Progress goes to stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CoreContext } from '../src/core/coreContext';
import { evolveSkill } from '../src/core/evolution/evolveSkill';
import { DEFAULT_EXAMPLE_POLICY } from '../src/core/examples/examplePolicy';
import { selectExamples } from '../src/core/examples/selectExamples';
import { createLocalModel } from '../src/core/llm/localModel';
import { openCore } from '../src/core/openCore';
import { seededRng } from '../src/core/rng';
import type { Prompt } from '../src/core/runner/prompt';
import { runTemplate } from '../src/core/runner/runTemplate';
import { formatStoredInput, getSkill, type SkillId, scoreStored, skillIds } from '../src/core/skills';
import { type EvalCase, evalCases, fileNamingSets } from './support/evalCases';
import { runLifecycle } from './support/lifecycle';
import { seedCorrections } from './support/seedCorrections';
import { meanSe, pm, round } from './support/stats';
import { transferBench } from './support/transferBench';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    skills: { type: 'string', default: skillIds.join(',') },
    folds: { type: 'string', default: '3' },
    /** Run only this fold (1-based), e.g. an evolution at the seed's settings on one fold. */
    fold: { type: 'string' },
    evolve: { type: 'boolean', default: false },
    population: { type: 'string', default: '20' },
    generations: { type: 'string', default: '30' },
    lifecycle: { type: 'boolean', default: false },
    weeks: { type: 'string', default: '10' },
    threads: { type: 'string', default: '2' },
    model: { type: 'string' },
    transfer: { type: 'boolean', default: false },
    target: { type: 'string', default: 'audio-actions' },
    seeds: { type: 'string', default: '3' },
    'held-out': { type: 'string', default: '10' },
  },
});
const modelPath = values.model ?? process.env.TINYARMS_MODEL ?? process.env.TINYARMS_TEST_MODEL;
if (!modelPath) throw new Error('set --model, $TINYARMS_MODEL or $TINYARMS_TEST_MODEL to a .gguf file');
const model = createLocalModel({ modelPath, threads: Number(values.threads), contextSize: 4096 });
const log = (text: string) => process.stderr.write(`${text}\n`);
const dirs: string[] = [];

interface HeldOut {
  case: EvalCase;
  /** Whether a case of its kind is among the fold's corrections. */
  seen: boolean;
}
interface Fold {
  name: string;
  corrections: EvalCase[];
  heldOut: HeldOut[];
}

function foldsFor(skill: SkillId, count: number): Fold[] {
  if (skill === 'file-naming') {
    const { shared, twins } = fileNamingSets();
    return Array.from({ length: count }, (_, f) => {
      const corrections = shared.filter((_, i) => i % count !== f);
      const kinds = new Set(corrections.map((c) => c.kind));
      return {
        name: `fold ${f + 1}`,
        corrections,
        heldOut: twins.map((c) => ({ case: c, seen: kinds.has(c.kind) })),
      };
    });
  }
  const cases = evalCases(skill);
  const byKind = new Map<string, EvalCase[]>();
  for (const c of cases) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  return Array.from({ length: count }, (_, f) => {
    const heldOut = [...byKind.values()].flatMap((group) => group.filter((_, i) => i % count === f));
    const ids = new Set(heldOut.map((c) => c.id));
    return {
      name: `fold ${f + 1}`,
      corrections: cases.filter((c) => !ids.has(c.id)),
      heldOut: heldOut.map((c) => ({ case: c, seen: true })),
    };
  });
}

function freshCore(config = '', seed = 20250101, existing?: string) {
  const dir = existing ?? mkdtempSync(join(tmpdir(), 'tinyarms-bench-learn-'));
  if (!existing) dirs.push(dir);
  if (config) writeFileSync(join(dir, 'config.yaml'), config);
  return { ...openCore({ dataDir: dir, rng: seededRng(seed) }), dir };
}

interface CaseScore {
  id: string;
  seen: boolean;
  score: number;
  valid: boolean;
  shown: number;
  ms: number;
}

/** Runs a prompt on held-out cases with the data folder's bank, as the app would (full output). */
async function scoreHeldOut(
  ctx: CoreContext,
  skill: SkillId,
  prompt: Prompt,
  cases: readonly HeldOut[],
  label: string,
): Promise<CaseScore[]> {
  const definition = getSkill(skill);
  const out: CaseScore[] = [];
  for (const [i, held] of cases.entries()) {
    const started = performance.now();
    const demonstrations = selectExamples(
      ctx.store,
      skill,
      prompt.examples,
      formatStoredInput(definition, held.case.input),
    );
    const run = await runTemplate(model, definition, prompt.template, held.case.input, {
      demonstrations,
    }).catch(() => null);
    out.push({
      id: held.case.id,
      seen: held.seen,
      score: run ? scoreStored(definition, run.output, held.case.reference) : 0,
      valid: run?.valid ?? false,
      shown: demonstrations.length,
      ms: performance.now() - started,
    });
    process.stderr.write(`\r  ${label}: ${i + 1}/${cases.length}`);
  }
  process.stderr.write('\n');
  return out;
}

function summary(scores: readonly CaseScore[]) {
  const part = (filter: (s: CaseScore) => boolean) => {
    const picked = scores.filter(filter);
    return picked.length === 0 ? null : { ...roundStat(meanSe(picked.map((s) => s.score))) };
  };
  return {
    ...roundStat(meanSe(scores.map((s) => s.score))),
    valid: round(scores.filter((s) => s.valid).length / Math.max(1, scores.length)),
    seen: part((s) => s.seen),
    unseen: part((s) => !s.seen),
    msPerCase: Math.round(scores.reduce((s, x) => s + x.ms, 0) / Math.max(1, scores.length)),
  };
}
const roundStat = (s: { mean: number; se: number; n: number }) => ({
  mean: round(s.mean),
  se: round(s.se),
  n: s.n,
});

/** Mean over folds with the standard error across folds. */
function acrossFolds(perFold: readonly { mean: number }[]) {
  return roundStat(meanSe(perFold.map((f) => f.mean)));
}

async function benchSkill(skill: SkillId) {
  const definition = getSkill(skill);
  const v1: Prompt = {
    template: definition.promptV1,
    examples: { k: 0, selection: 'similar', order: 'best-last', fixed: [] },
  };
  const all = foldsFor(skill, Number(values.folds));
  const folds = values.fold === undefined ? all : all.filter((_, i) => i === Number(values.fold) - 1);
  if (folds.length === 0) throw new Error(`--fold must be 1–${all.length}, got ${values.fold}`);
  const results = [];
  const v1Cache = new Map<string, CaseScore>();
  for (const fold of folds) {
    log(`${skill} ${fold.name}: ${fold.corrections.length} corrections, ${fold.heldOut.length} held out`);
    const empty = freshCore();
    const missing = fold.heldOut.filter((h) => !v1Cache.has(h.case.id));
    for (const s of await scoreHeldOut(empty.ctx, skill, v1, missing, 'v1')) v1Cache.set(s.id, s);
    empty.close();
    const v1Scores = fold.heldOut.map((h) => ({ ...(v1Cache.get(h.case.id) as CaseScore), seen: h.seen }));

    const config = `breeder: { population: ${values.population}, generations: ${values.generations} }\n`;
    const core = freshCore(config);
    seedCorrections(core.ctx, skill, fold.corrections);
    // The 2 most similar examples, whatever v1 of the skill ships with (code linting ships none).
    const active = core.ctx.store.prompts.activeVersion(skill);
    const withExamples = await scoreHeldOut(
      core.ctx,
      skill,
      { template: active.template, examples: DEFAULT_EXAMPLE_POLICY },
      fold.heldOut,
      'v1 + examples',
    );
    let evolved = null;
    if (values.evolve) {
      const started = performance.now();
      const result = await evolveSkill(core.ctx, model, skill, {
        onProgress: (p) =>
          process.stderr.write(
            `\r  evolving: ${p.phase} gen ${p.generation}/${p.generations} · ${p.calls} calls · ${Math.round(p.elapsedMs / 1000)} s`,
          ),
      });
      process.stderr.write('\n');
      const wallMs = Math.round(performance.now() - started);
      const top = result.variants[0];
      const scores = top
        ? await scoreHeldOut(
            core.ctx,
            skill,
            { template: top.template, examples: top.examplePolicy },
            fold.heldOut,
            `evolved (${top.operator})`,
          )
        : [];
      evolved = {
        ...summary(scores),
        calls: result.calls,
        cacheHits: result.cacheHits,
        wallMs,
        variant: top
          ? { operator: top.operator, reasoning: top.reasoning, examples: top.examplePolicy }
          : null,
      };
    }
    core.close();
    results.push({ fold: fold.name, v1: summary(v1Scores), examples: summary(withExamples), evolved });
    log(
      `  v1 ${pm(meanSe(v1Scores.map((s) => s.score)))} → examples ${pm(meanSe(withExamples.map((s) => s.score)))}${
        evolved ? ` → evolved ${evolved.mean.toFixed(3)}` : ''
      }`,
    );
  }
  const gains = results.map((r) => ({ mean: r.examples.mean - r.v1.mean }));
  return {
    skill,
    folds: results,
    v1: acrossFolds(results.map((r) => r.v1)),
    examples: acrossFolds(results.map((r) => r.examples)),
    gain: acrossFolds(gains),
    ...(values.evolve
      ? {
          evolved: acrossFolds(results.flatMap((r) => (r.evolved ? [r.evolved] : []))),
          evolvedOverExamples: acrossFolds(
            results.flatMap((r) => (r.evolved ? [{ mean: r.evolved.mean - r.examples.mean }] : [])),
          ),
        }
      : {}),
    validity: {
      v1: round(Math.min(...results.map((r) => r.v1.valid))),
      examples: round(Math.min(...results.map((r) => r.examples.valid))),
    },
  };
}

async function transferOnly() {
  const started = performance.now();
  // Small settings: the three evolutions per seed fit the 25-minute budget on 2 cores.
  const breeder = `breeder: { population: ${values.population === '20' ? 4 : values.population}, generations: ${
    values.generations === '30' ? 3 : values.generations
  }, evaluation_samples: 3, final_evaluation_samples: 3, variants_per_evolution: 2, max_calls: 60 }\n`;
  const result = await transferBench({
    model,
    core: ({ config, seed, dir }) => freshCore(config, seed, dir),
    target: values.target as 'audio-actions' | 'markdown-analysis',
    seeds: Number(values.seeds),
    breeder,
    heldOutCases: Number(values['held-out']),
    log,
  });
  const report = {
    model: String(modelPath).split('/').at(-1),
    breeder,
    wallMs: Math.round(performance.now() - started),
    ...result,
  };
  process.stdout.write(`${JSON.stringify(report, null, values.json ? 0 : 2)}\n`);
}

try {
  if (values.transfer) await transferOnly();
  else await learnAll();
} finally {
  await model.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

async function learnAll() {
  const skills = String(values.skills).split(',').filter(Boolean) as SkillId[];
  const started = performance.now();
  const bySkill = [];
  for (const skill of skills) bySkill.push(await benchSkill(skill));
  const lifecycle = values.lifecycle
    ? await runLifecycle({ model, weeks: Number(values.weeks), newCore: freshCore, log })
    : null;
  const report = {
    model: String(modelPath).split('/').at(-1),
    threads: Number(values.threads),
    cores: availableParallelism(),
    folds: Number(values.folds),
    wallMs: Math.round(performance.now() - started),
    skills: bySkill,
    lifecycle,
  };
  if (!values.json) {
    log('\nskill               v1              + 20 corrections   gain            valid (v1 → ex)');
    for (const s of bySkill)
      log(
        `${s.skill.padEnd(18)}  ${pm(s.v1)}  ${pm(s.examples)}      ${pm(s.gain)}   ${s.validity.v1} → ${s.validity.examples}`,
      );
  }
  if (lifecycle) log(`\n${lifecycle.chart}`);
  process.stdout.write(`${JSON.stringify(report, null, values.json ? 0 : 2)}\n`);
}
