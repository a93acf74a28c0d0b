/**
 * `bench:learn --transfer`: does a second skill evolve faster with what the first one learned?
 * Per seed s (= fold s of the second skill's eval set: 20 corrections, 10 held out):
 * - `alone`: a fresh data folder, cross-skill learning off, the second skill's corrections, one evolution;
 * - `transfer`: a data folder where file naming (20 of its shared files corrected) evolved first with
 *   cross-skill learning on, then the same corrections and an evolution of the second skill from the
 *   same session seed (the core is reopened with the seed `alone` used).
 * For the second skill it reports the best tournament fitness reached, the model calls the transfer run
 * needed to reach `alone`'s final best (and `alone`'s own calls to reach it), the top variant's final
 * fitness, its held-out score, and what was inherited.
 */
import type { BreederProgress } from '../../src/core/breeder/promptBreeder';
import type { CoreContext } from '../../src/core/coreContext';
import { evolveSkill } from '../../src/core/evolution/evolveSkill';
import { selectExamples } from '../../src/core/examples/selectExamples';
import type { LanguageModel } from '../../src/core/llm/languageModel';
import type { OpenedCore } from '../../src/core/openCore';
import { runTemplate } from '../../src/core/runner/runTemplate';
import { formatStoredInput, getSkill, type SkillId, scoreStored } from '../../src/core/skills';
import type { Variant } from '../../src/core/store/sessionRepository';
import { type EvalCase, evalCases, fileNamingSets } from './evalCases';
import { seedCorrections } from './seedCorrections';
import { meanSe, pm, round } from './stats';

export interface TransferOptions {
  model: LanguageModel;
  /** A core on a data folder: `dir` reopens one, else a fresh folder with `config`. */
  core: (options: { config: string; seed: number; dir?: string }) => OpenedCore & { dir: string };
  target: Exclude<SkillId, 'file-naming' | 'code-linting'>;
  seeds: number;
  breeder: string;
  /** Held-out cases scored per seed (of 10). */
  heldOutCases: number;
  log: (line: string) => void;
}

interface Point {
  calls: number;
  best: number;
}

async function evolveTraced(
  ctx: CoreContext,
  model: LanguageModel,
  skill: SkillId,
  log: (l: string) => void,
) {
  const points: Point[] = [];
  const result = await evolveSkill(ctx, model, skill, {
    onProgress: (p: BreederProgress) => {
      if (p.phase === 'tournament') points.push({ calls: p.calls, best: p.bestFitness });
      process.stderr.write(
        `\r  ${skill}: ${p.phase} gen ${p.generation}/${p.generations} · ${p.calls} calls`,
      );
    },
  });
  process.stderr.write('\n');
  const best = Math.max(0, ...points.map((p) => p.best));
  log(`  ${skill}: best ${best.toFixed(3)} after ${result.calls} calls`);
  return { result, points, best };
}

interface RunFigures {
  best: number;
  calls: number;
  topFitness: number | null;
  heldOut: number;
}
interface TransferRow {
  seed: number;
  sourceBest: number;
  alone: RunFigures & { callsToOwnBest: number | null };
  transfer: RunFigures & { callsToAloneBest: number | null; variants: string[] };
}

const callsToReach = (points: readonly Point[], target: number) =>
  points.find((p) => p.best >= target - 1e-9)?.calls ?? null;

async function heldOutMean(
  ctx: CoreContext,
  model: LanguageModel,
  skill: SkillId,
  latest: Variant | undefined,
  cases: readonly EvalCase[],
) {
  if (!latest) return 0;
  const definition = getSkill(skill);
  let sum = 0;
  for (const c of cases) {
    const demonstrations = selectExamples(
      ctx.store,
      skill,
      latest.examplePolicy,
      formatStoredInput(definition, c.input),
    );
    const run = await runTemplate(model, definition, latest.template, c.input, { demonstrations }).catch(
      () => null,
    );
    sum += run ? scoreStored(definition, run.output, c.reference) : 0;
  }
  return sum / Math.max(1, cases.length);
}

export async function transferBench(options: TransferOptions) {
  const { model, target, log } = options;
  const cases = evalCases(target);
  const { shared } = fileNamingSets();
  const rows: TransferRow[] = [];
  for (let s = 0; s < options.seeds; s++) {
    const fold = cases.filter((_, i) => i % 3 === s % 3);
    const corrections = cases.filter((c) => !fold.includes(c));
    const heldOut = fold.slice(0, options.heldOutCases);
    const sessionSeed = 7001 + s;
    log(`seed ${s + 1}: ${target}, ${corrections.length} corrections, ${heldOut.length} held out`);

    const alone = options.core({ config: options.breeder, seed: sessionSeed });
    seedCorrections(alone.ctx, target, corrections);
    const aloneRun = await evolveTraced(alone.ctx, model, target, log);
    const aloneHeldOut = await heldOutMean(alone.ctx, model, target, aloneRun.result.variants[0], heldOut);
    alone.close();

    const config = `${options.breeder}evolution: { cross_skill_learning: true }\n`;
    const first = options.core({ config, seed: 9001 + s });
    seedCorrections(
      first.ctx,
      'file-naming',
      shared.filter((_, i) => i % 3 !== s % 3),
    );
    const source = await evolveTraced(first.ctx, model, 'file-naming', log);
    const dir = first.dir;
    first.close();
    const second = options.core({ config, seed: sessionSeed, dir });
    seedCorrections(second.ctx, target, corrections);
    const transferRun = await evolveTraced(second.ctx, model, target, log);
    const transferHeldOut = await heldOutMean(
      second.ctx,
      model,
      target,
      transferRun.result.variants[0],
      heldOut,
    );
    const population = second.ctx.store.sessions.variantsOf(transferRun.result.session.id);
    second.close();

    rows.push({
      seed: s + 1,
      sourceBest: round(source.best),
      alone: {
        best: round(aloneRun.best),
        callsToOwnBest: callsToReach(aloneRun.points, aloneRun.best),
        calls: aloneRun.result.calls,
        topFitness: aloneRun.result.variants[0]?.fitness ?? null,
        heldOut: round(aloneHeldOut),
      },
      transfer: {
        best: round(transferRun.best),
        callsToAloneBest: callsToReach(transferRun.points, aloneRun.best),
        calls: transferRun.result.calls,
        topFitness: transferRun.result.variants[0]?.fitness ?? null,
        heldOut: round(transferHeldOut),
        variants: population.map((v) => `${v.letter} ${v.operator}: ${v.reasoning ?? ''}`),
      },
    });
  }
  const stat = (values: number[]) => {
    const m = meanSe(values);
    return { mean: round(m.mean), se: round(m.se), n: m.n };
  };
  // A run that never reached the target counts as its whole call budget (a lower bound on what it needs).
  const reached = (r: TransferRow) => r.transfer.callsToAloneBest ?? r.transfer.calls;
  const summary = {
    target,
    seeds: rows.length,
    aloneBest: stat(rows.map((r) => r.alone.best)),
    transferBest: stat(rows.map((r) => r.transfer.best)),
    aloneCallsToOwnBest: stat(rows.map((r) => r.alone.callsToOwnBest ?? r.alone.calls)),
    transferCallsToAloneBest: stat(rows.map(reached)),
    transferReachedAloneBest: rows.filter((r) => r.transfer.callsToAloneBest !== null).length,
    aloneHeldOut: stat(rows.map((r) => r.alone.heldOut)),
    transferHeldOut: stat(rows.map((r) => r.transfer.heldOut)),
  };
  log(`\n${target} (${rows.length} seeds)        alone            transfer`);
  log(`best tournament fitness  ${pm(summary.aloneBest)}   ${pm(summary.transferBest)}`);
  log(
    `calls to alone's best    ${pm(summary.aloneCallsToOwnBest, 1)}   ${pm(summary.transferCallsToAloneBest, 1)} (reached ${summary.transferReachedAloneBest}/${rows.length})`,
  );
  log(`held-out score (top)     ${pm(summary.aloneHeldOut)}   ${pm(summary.transferHeldOut)}`);
  return { summary, rows };
}
