/**
 * Skill-run benchmark: file naming on `../shared/eval/file-naming.jsonl` through the product path
 * (`runSkill`: queue, adapter, zod checks, SQLite records) beside a raw node-llama-cpp completion
 * loop on the same model file, same prompts and same grammar, in the same process (the ceiling).
 * Calls alternate between the two (ABBA) so load from other processes hits both alike.
 *
 * Usage: npx tsx bench/skill.bench.ts [--json] [--limit N] [--threads N] [--model <path.gguf>]
 * The model defaults to $TINYARMS_MODEL, else $TINYARMS_TEST_MODEL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlamaCompletion } from 'node-llama-cpp';
import { chatPromptText } from '../src/core/llm/chatPromptText';
import { compactJsonGrammar } from '../src/core/llm/compactJsonGrammar';
import { createLocalModel } from '../src/core/llm/localModel';
import { sharedLlama } from '../src/core/llm/sharedLlama';
import { openCore } from '../src/core/openCore';
import { runSkill } from '../src/core/runner/runSkill';
import { grammarSchema } from '../src/core/runner/runTemplate';
import { type FileNamingInput, fileNaming, renderPrompt, scoreFileNaming } from '../src/core/skills';

const SYSTEM = 'You are a precise assistant. Answer only with the requested JSON.';
const CONTEXT_SIZE = 4096;

interface EvalCase {
  id: string;
  name: string;
  content: string;
  reference: string;
}

interface Sample {
  id: string;
  ms: number;
  completionTokens: number;
  text: string;
}

function parseArgs(argv: readonly string[]) {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const model = value('--model') ?? process.env.TINYARMS_MODEL ?? process.env.TINYARMS_TEST_MODEL;
  if (!model) throw new Error('give --model <file.gguf>, or set TINYARMS_MODEL or TINYARMS_TEST_MODEL');
  return {
    json: argv.includes('--json'),
    limit: Number(value('--limit') ?? Number.POSITIVE_INFINITY),
    threads: Number(value('--threads') ?? 2),
    model,
  };
}

function loadEvalSet(limit: number): EvalCase[] {
  const file = fileURLToPath(new URL('../../shared/eval/file-naming.jsonl', import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalCase)
    .slice(0, limit);
}

function inputOf(item: EvalCase): FileNamingInput {
  return {
    originalName: item.name,
    extension: extname(item.name).slice(1).toLowerCase(),
    sizeBytes: Buffer.byteLength(item.content),
    excerpt: item.content,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (rank - lo);
}

function summarize(samples: readonly Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const tokens = samples.reduce((sum, s) => sum + s.completionTokens, 0);
  const totalMs = ms.reduce((sum, x) => sum + x, 0);
  return {
    calls: samples.length,
    p50Ms: Math.round(percentile(ms, 0.5)),
    p95Ms: Math.round(percentile(ms, 0.95)),
    meanMs: Math.round(totalMs / Math.max(1, samples.length)),
    completionTokens: tokens,
    tokensPerSecond: Number(((tokens * 1000) / totalMs).toFixed(2)),
  };
}

/** The ceiling: node-llama-cpp alone, no queue, no validation, no database. */
async function rawLoop(modelPath: string, threads: number) {
  const llama = await sharedLlama(false);
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: CONTEXT_SIZE, threads });
  const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
  const grammar = await compactJsonGrammar(llama, grammarSchema(fileNaming));
  return {
    async complete(user: string): Promise<Sample> {
      const started = performance.now();
      const prompt = chatPromptText(model, SYSTEM, user).tokenize(model.tokenizer);
      const text = await completion.generateCompletion(prompt, {
        maxTokens: fileNaming.maxOutputTokens,
        temperature: 0,
        grammar: grammar.generation,
      });
      JSON.parse(text);
      return { id: '', ms: performance.now() - started, completionTokens: model.tokenize(text).length, text };
    },
    async dispose() {
      completion.dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cases = loadEvalSet(args.limit);
  const dataDir = mkdtempSync(join(tmpdir(), 'tinyarms-bench-skill-'));
  const core = openCore({ dataDir });
  const product = createLocalModel({
    modelPath: args.model,
    threads: args.threads,
    contextSize: CONTEXT_SIZE,
    idleUnloadMs: null,
  });
  const raw = await rawLoop(args.model, args.threads);
  const template = core.ctx.store.prompts.activeVersion('file-naming').template;
  const started = performance.now();

  const skillRun = async (item: EvalCase): Promise<Sample & { score: number; valid: boolean }> => {
    const t0 = performance.now();
    const result = await runSkill(core.ctx, product, 'file-naming', inputOf(item), { source: 'api' });
    const output = result.output as { filename: string; reasoning: string; alternatives: string[] };
    return {
      id: item.id,
      ms: performance.now() - t0,
      completionTokens: result.completionTokens,
      text: JSON.stringify(output),
      score: scoreFileNaming(output, { filename: item.reference }),
      valid: result.valid,
    };
  };
  const rawRun = async (item: EvalCase): Promise<Sample> => ({
    ...(await raw.complete(renderPrompt(template, fileNaming.formatInput(inputOf(item))))),
    id: item.id,
  });

  // Warm-up (load, first prompt evaluation) is not what a user's steady stream of runs costs.
  const first = cases[0];
  if (first) {
    await rawRun(first);
    await skillRun(first);
  }
  const skillSamples: (Sample & { score: number; valid: boolean })[] = [];
  const rawSamples: Sample[] = [];
  const failures: string[] = [];
  for (const [i, item] of cases.entries()) {
    const order = i % 2 === 0 ? (['raw', 'skill'] as const) : (['skill', 'raw'] as const);
    for (const which of order) {
      try {
        if (which === 'raw') rawSamples.push(await rawRun(item));
        else skillSamples.push(await skillRun(item));
      } catch (error) {
        failures.push(`${which} ${item.id}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    // Progress goes to stderr even with --json: a run takes minutes on a loaded 2-core machine.
    process.stderr.write(`\r${i + 1}/${cases.length}`);
  }
  process.stderr.write('\n');

  const skill = summarize(skillSamples);
  const ceiling = summarize(rawSamples);
  const rawText = new Map(rawSamples.map((r) => [r.id, JSON.stringify(JSON.parse(r.text))]));
  const sameOutputs = skillSamples.filter((s) => rawText.get(s.id) === s.text).length;
  const report = {
    model: basename(args.model),
    threads: args.threads,
    cores: availableParallelism(),
    cases: cases.length,
    skill: {
      ...skill,
      meanScore: Number(
        (skillSamples.reduce((sum, s) => sum + s.score, 0) / Math.max(1, skillSamples.length)).toFixed(3),
      ),
      validShare: Number(
        (skillSamples.filter((s) => s.valid).length / Math.max(1, skillSamples.length)).toFixed(3),
      ),
    },
    ceiling,
    /** > 1 means slower than the ceiling; the target is ≤ 1.10. */
    p50Ratio: Number((skill.p50Ms / ceiling.p50Ms).toFixed(3)),
    tokensPerSecondRatio: Number((skill.tokensPerSecond / ceiling.tokensPerSecond).toFixed(3)),
    sameOutputs,
    failures,
    wallMs: Math.round(performance.now() - started),
  };
  await product.dispose();
  await raw.dispose();
  core.close();
  rmSync(dataDir, { recursive: true, force: true });

  if (args.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const row = (name: string, s: ReturnType<typeof summarize>) =>
    `${name.padEnd(22)} ${String(s.p50Ms).padStart(7)} ${String(s.p95Ms).padStart(7)} ${s.tokensPerSecond.toFixed(1).padStart(8)} ${String(s.calls).padStart(6)}`;
  process.stdout.write(
    [
      `bench:skill · ${report.model} · ${report.threads} threads · ${report.cores} cores · ${report.cases} cases`,
      `${'path'.padEnd(22)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'tok/s'.padStart(8)} ${'calls'.padStart(6)}`,
      row('runSkill (product)', skill),
      row('raw node-llama-cpp', ceiling),
      `p50 ratio ${report.p50Ratio} · tok/s ratio ${report.tokensPerSecondRatio} (target: within 10%)`,
      `same output as raw: ${sameOutputs}/${skillSamples.length} · mean score ${report.skill.meanScore} · valid ${report.skill.validShare}`,
      ...failures.map((f) => `failed: ${f}`),
      '',
    ].join('\n'),
  );
}

await main();
