/**
 * Skill-run benchmark: file naming on `../shared/eval/file-naming.jsonl` through the product path
 * (`runSkill`: queue, adapter, zod checks, SQLite records) for the name alone (`tinyarms run`) and
 * with two alternatives (the watcher, for the popover), each against a raw node-llama-cpp loop with
 * the same decoding (the ceiling), and the single JSON-schema completion names were made
 * with before (same prompts, same model file, same process). The order rotates per case so load
 * from other processes hits every path alike.
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
import { decodeWordSequence } from '../src/core/llm/decodeWordSequence';
import { createLocalModel } from '../src/core/llm/localModel';
import { sharedLlama } from '../src/core/llm/sharedLlama';
import { openCore } from '../src/core/openCore';
import { runSkill } from '../src/core/runner/runSkill';
import { grammarSchema } from '../src/core/runner/runTemplate';
import {
  FILE_EXCERPT_MAX_CHARS,
  type FileNamingInput,
  fileNaming,
  isValidFilename,
  renderPrompt,
  scoreFileNaming,
} from '../src/core/skills';
import { FILENAME_STEP_TOKENS, fileNameSequence, fileOwnText } from '../src/core/skills/fileNamingGeneration';
import { fileNamingVocabulary } from '../src/core/skills/fileNamingVocabulary';

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

/**
 * node-llama-cpp alone (no queue, no validation, no database) on a sequence of its own, two ways:
 * - `words`: the product's generation (the proposal, then `count - 1` alternatives, one word-step
 *   grammar at a time, see decodeWordSequence): the ceiling the product's overhead is measured against;
 * - `json`: one completion under the full JSON-schema grammar (filename, reasoning, alternatives),
 *   which is how names were generated before: the "before" in one run.
 */
async function rawLoop(modelPath: string, threads: number) {
  const llama = await sharedLlama(false);
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: CONTEXT_SIZE, threads });
  const sequence = context.getSequence();
  const completion = new LlamaCompletion({ contextSequence: sequence });
  const grammar = await compactJsonGrammar(llama, grammarSchema(fileNaming));
  const promptOf = async (user: string) =>
    (await chatPromptText(model, SYSTEM, user)).tokenize(model.tokenizer);
  return {
    async json(user: string): Promise<Sample> {
      const started = performance.now();
      const text = await completion.generateCompletion(await promptOf(user), {
        maxTokens: 384,
        temperature: 0,
        grammar: grammar.generation,
      });
      const output = JSON.parse(text) as { filename: string };
      return {
        id: '',
        ms: performance.now() - started,
        completionTokens: model.tokenize(text).length,
        text: output.filename,
      };
    },
    async words(user: string, input: FileNamingInput, count: number): Promise<Sample> {
      const started = performance.now();
      const promptTokens = await promptOf(user);
      const words = fileNameSequence(input, fileNamingVocabulary(fileOwnText(input, FILE_EXCERPT_MAX_CHARS)));
      const names: string[] = [];
      let tokens = 0;
      for (let i = 0; i < count; i++) {
        const decoded = await decodeWordSequence({
          llama,
          model,
          sequence,
          promptTokens,
          words: { ...words, notFirst: names.map((n) => n.split('-')[0] ?? '') },
          maxTokensPerWord: FILENAME_STEP_TOKENS,
          modelId: 'raw',
          temperature: 0,
        });
        names.push(decoded.text.slice(words.prefix.length, -2));
        tokens += decoded.completionTokens;
      }
      return { id: '', ms: performance.now() - started, completionTokens: tokens, text: names[0] ?? '' };
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

  type Scored = Sample & { score: number; valid: boolean };
  const scored = (item: EvalCase, sample: Sample, valid: boolean): Scored => ({
    ...sample,
    id: item.id,
    score: scoreFileNaming(
      { filename: sample.text, reasoning: '', alternatives: [] },
      { filename: item.reference },
    ),
    valid,
  });
  const productRun = async (item: EvalCase, alternatives: boolean): Promise<Scored> => {
    const t0 = performance.now();
    const result = await runSkill(core.ctx, product, 'file-naming', inputOf(item), {
      source: 'api',
      alternatives,
    });
    const output = result.output as { filename: string };
    return scored(
      item,
      {
        id: item.id,
        ms: performance.now() - t0,
        completionTokens: result.completionTokens,
        text: output.filename,
      },
      result.valid,
    );
  };
  const paths = {
    // The product as `tinyarms run` calls it: runSkill with the active prompt, the name only (an
    // empty bank here: no examples to show).
    skill: (item: EvalCase) => productRun(item, false),
    // As the watcher calls it for the popover: the name and two alternatives.
    withAlternatives: (item: EvalCase) => productRun(item, true),
    raw: async (item: EvalCase): Promise<Scored> => {
      const sample = await raw.words(
        renderPrompt(template, fileNaming.formatInput(inputOf(item))),
        inputOf(item),
        1,
      );
      return scored(item, sample, isValidFilename(sample.text));
    },
    rawWithAlternatives: async (item: EvalCase): Promise<Scored> => {
      const sample = await raw.words(
        renderPrompt(template, fileNaming.formatInput(inputOf(item))),
        inputOf(item),
        3,
      );
      return scored(item, sample, isValidFilename(sample.text));
    },
    before: async (item: EvalCase): Promise<Scored> => {
      const sample = await raw.json(renderPrompt(template, fileNaming.formatInput(inputOf(item))));
      return scored(
        item,
        sample,
        isValidFilename(sample.text) && sample.text.endsWith(`.${inputOf(item).extension}`),
      );
    },
  };
  type PathName = keyof typeof paths;
  const names = Object.keys(paths) as PathName[];

  // Warm-up (load, first prompt evaluation) is not what a user's steady stream of runs costs.
  const first = cases[0];
  if (first) for (const name of names) await paths[name](first);
  const samples: Record<PathName, Scored[]> = {
    skill: [],
    withAlternatives: [],
    raw: [],
    rawWithAlternatives: [],
    before: [],
  };
  const failures: string[] = [];
  for (const [i, item] of cases.entries()) {
    // Rotate the order so load from other processes hits every path alike.
    const order = names.map((_, j) => names[(i + j) % names.length] as PathName);
    for (const name of order) {
      try {
        samples[name].push(await paths[name](item));
      } catch (error) {
        failures.push(`${name} ${item.id}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    // Progress goes to stderr even with --json: a run takes minutes on a loaded 2-core machine.
    process.stderr.write(`\r${i + 1}/${cases.length}`);
  }
  process.stderr.write('\n');

  const describe = (list: Scored[]) => ({
    ...summarize(list),
    meanScore: Number((list.reduce((sum, s) => sum + s.score, 0) / Math.max(1, list.length)).toFixed(3)),
    validShare: Number((list.filter((s) => s.valid).length / Math.max(1, list.length)).toFixed(3)),
  });
  const report = {
    model: basename(args.model),
    threads: args.threads,
    cores: availableParallelism(),
    cases: cases.length,
    skill: describe(samples.skill),
    withAlternatives: describe(samples.withAlternatives),
    ceiling: describe(samples.raw),
    ceilingWithAlternatives: describe(samples.rawWithAlternatives),
    before: describe(samples.before),
    /** > 1 means slower than the ceiling; the target is ≤ 1.10. */
    p50Ratio: Number((percentileOf(samples.skill) / percentileOf(samples.raw)).toFixed(3)),
    p50RatioWithAlternatives: Number(
      (percentileOf(samples.withAlternatives) / percentileOf(samples.rawWithAlternatives)).toFixed(3),
    ),
    sameOutputs: samples.skill.filter((s) => samples.raw.find((r) => r.id === s.id)?.text === s.text).length,
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
  const row = (name: string, s: ReturnType<typeof describe>) =>
    `${name.padEnd(34)} ${String(s.p50Ms).padStart(7)} ${String(s.p95Ms).padStart(7)} ${s.tokensPerSecond.toFixed(1).padStart(7)} ${s.meanScore.toFixed(3).padStart(6)} ${s.validShare.toFixed(2).padStart(6)}`;
  process.stdout.write(
    [
      `bench:skill · ${report.model} · ${report.threads} threads · ${report.cores} cores · ${report.cases} cases`,
      `${'path'.padEnd(34)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'tok/s'.padStart(7)} ${'score'.padStart(6)} ${'valid'.padStart(6)}`,
      row('runSkill: the name (tinyarms run)', report.skill),
      row('raw node-llama-cpp, same decoding', report.ceiling),
      row('runSkill: name + 2 alternatives', report.withAlternatives),
      row('raw node-llama-cpp, same decoding', report.ceilingWithAlternatives),
      row('before: one JSON-schema completion', report.before),
      `p50 ratio product/raw ${report.p50Ratio}, with alternatives ${report.p50RatioWithAlternatives} (target ≤ 1.10) · same names as raw: ${report.sameOutputs}/${samples.skill.length}`,
      ...failures.map((f) => `failed: ${f}`),
      '',
    ].join('\n'),
  );
}

function percentileOf(list: readonly Sample[]): number {
  return percentile(
    list.map((s) => s.ms).sort((a, b) => a - b),
    0.5,
  );
}

await main();
