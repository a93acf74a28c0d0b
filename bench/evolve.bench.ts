/**
 * Evolution benchmark: seeds a data folder from the first part of `../shared/eval/file-naming.jsonl`
 * (a task, a weak run and the user's correction = the reference name, per case), evolves
 * file-naming with PromptBreeder on the local model, then scores the v1 prompt and the evolved top
 * variant (A) on the held-out cases with the full skill output. Reports score before/after, model
 * calls, cache hit rate and wall time, and whether the run met the < 10 min target; where the time
 * went: each phase's seconds and calls, and the model calls by kind (fitness vs mutator: mean time,
 * prompt tokens read anew, tokens written).
 *
 * Usage: npx tsx bench/evolve.bench.ts [--json] [--train N] [--population N] [--generations N]
 *   [--samples N] [--final N] [--budget-calls N] [--threads N] [--model <path.gguf>]
 * Defaults are the seed's settings (population 20, 30 generations, 10 examples, final up to 100).
 * The model defaults to $TINYARMS_MODEL, else $TINYARMS_TEST_MODEL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evolveSkill } from '../src/core/evolution/evolveSkill';
import { createLocalModel } from '../src/core/llm/localModel';
import { openCore } from '../src/core/openCore';
import { seededRng } from '../src/core/rng';
import { runTemplate } from '../src/core/runner/runTemplate';
import { fileNaming } from '../src/core/skills/fileNaming';
import { scoreStored } from '../src/core/skills/skillRegistry';
import {
  type EvalCase,
  fileNamingInput,
  loadEvalCases,
  seedFileNamingFeedback,
} from '../test/core/breeder/seedFileNamingFeedback';
import { tallyCalls } from './support/callTally';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    train: { type: 'string', default: '20' },
    population: { type: 'string', default: '20' },
    generations: { type: 'string', default: '30' },
    samples: { type: 'string', default: '10' },
    final: { type: 'string', default: '100' },
    'budget-calls': { type: 'string', default: '1000' },
    threads: { type: 'string', default: '2' },
    model: { type: 'string' },
  },
});
const int = (key: keyof typeof values) => Number(values[key]);
const modelPath = values.model ?? process.env.TINYARMS_MODEL ?? process.env.TINYARMS_TEST_MODEL;
if (!modelPath) throw new Error('set --model, $TINYARMS_MODEL or $TINYARMS_TEST_MODEL to a .gguf file');

const cases = loadEvalCases();
const train = cases.slice(0, int('train'));
const heldOut = cases.slice(int('train'));
const dir = mkdtempSync(join(tmpdir(), 'tinyarms-bench-evolve-'));
writeFileSync(
  join(dir, 'config.yaml'),
  `breeder: { population: ${int('population')}, generations: ${int('generations')}, evaluation_samples: ${int(
    'samples',
  )}, final_evaluation_samples: ${Math.max(int('final'), int('samples'))}, max_calls: ${int('budget-calls')}, max_minutes: 120 }\n`,
);
const core = openCore({ dataDir: dir, rng: seededRng(20250101) });
const local = createLocalModel({ modelPath, threads: int('threads'), contextSize: 4096 });
const evolving = tallyCalls(local);
const log = (text: string) => {
  if (!values.json) process.stderr.write(`${text}\n`);
};

async function heldOutScore(template: string, set: readonly EvalCase[]) {
  let sum = 0;
  let valid = 0;
  for (const c of set) {
    const run = await runTemplate(local, fileNaming, template, fileNamingInput(c)).catch(() => null);
    if (!run) continue;
    sum += scoreStored(fileNaming, run.output, { filename: c.reference });
    if (run.valid) valid++;
  }
  return { mean: sum / Math.max(1, set.length), validShare: valid / Math.max(1, set.length) };
}

try {
  seedFileNamingFeedback(core.ctx, train);
  log(
    `seeded ${train.length} corrections; evolving (population ${int('population')}, ${int('generations')} generations)…`,
  );
  const started = performance.now();
  // Each phase's end (seconds and calls so far), from the progress events.
  const phaseEnds = new Map<string, { ms: number; calls: number }>();
  const result = await evolveSkill(core.ctx, evolving.model, 'file-naming', {
    onProgress: (p) => {
      phaseEnds.set(p.phase, { ms: p.elapsedMs, calls: p.calls });
      log(
        `  ${p.phase} gen ${p.generation}/${p.generations} · ${p.calls} calls · ${p.cacheHits} cached · ${(p.elapsedMs / 1000).toFixed(0)} s`,
      );
    },
  });
  const evolveMs = performance.now() - started;
  let phaseStart = { ms: 0, calls: 0 };
  const phases: Record<string, { seconds: number; calls: number }> = {};
  for (const [phase, end] of phaseEnds) {
    // A phase ends at its last event (the final one when the run returns); a gap goes to the next.
    const last = phase === 'final' ? { ms: evolveMs, calls: result.calls } : end;
    phases[phase] = {
      seconds: Math.round((last.ms - phaseStart.ms) / 100) / 10,
      calls: last.calls - phaseStart.calls,
    };
    phaseStart = last;
  }
  const top = result.variants[0];
  log(`scoring v1 and variant A on ${heldOut.length} held-out cases…`);
  const before = await heldOutScore(fileNaming.promptV1, heldOut);
  const after = top ? await heldOutScore(top.template, heldOut) : null;
  const report = {
    model: modelPath.split('/').at(-1),
    threads: int('threads'),
    cores: availableParallelism(),
    settings: {
      train: train.length,
      heldOut: heldOut.length,
      population: int('population'),
      generations: int('generations'),
      evaluationSamples: int('samples'),
      finalSamples: int('final'),
      budgetCalls: int('budget-calls'),
    },
    evolution: {
      calls: result.calls,
      cacheHits: result.cacheHits,
      cacheHitRate: result.cacheHits / Math.max(1, result.calls + result.cacheHits),
      wallMs: Math.round(evolveMs),
      stoppedEarly: result.stoppedEarly,
      underTenMinutes: evolveMs < 600_000,
      phases,
      callsByKind: evolving.summary(),
      variants: result.variants.map((v) => ({
        arm: v.letter,
        fitness: v.fitness,
        operator: v.operator,
        reasoning: v.reasoning,
      })),
    },
    heldOut: { v1: before, topVariant: after },
  };
  process.stdout.write(`${JSON.stringify(report, null, values.json ? 0 : 2)}\n`);
} finally {
  await local.dispose();
  core.close();
  rmSync(dir, { recursive: true, force: true });
}
