/**
 * Which retrieval finds the example a user would want shown? For every held-out case, the bank is
 * the other cases (file naming: the 30 shared files, queried with their twins); a hit is an example
 * of the same kind. Compares SQLite FTS5 BM25 with the Porter stemmer (what the example bank uses),
 * FTS5 without stemming, cosine similarity of SmolLM2's own embeddings (node-llama-cpp's embedding
 * context on the same GGUF), and the most recent examples (no similarity at all).
 *
 * Usage: npx tsx bench/retrieval.bench.ts [--json] [--model <path.gguf>] [--threads N]
 */
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { formatStoredInput, getSkill, type SkillId, skillIds, tokenize } from '../src/core/skills';
import { ftsQuery } from '../src/core/store/exampleRepository';
import { type EvalCase, evalCases, fileNamingSets } from './support/evalCases';
import { round } from './support/stats';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    model: { type: 'string' },
    threads: { type: 'string', default: '2' },
  },
});
const modelPath = values.model ?? process.env.TINYARMS_MODEL ?? process.env.TINYARMS_TEST_MODEL;

interface Query {
  text: string;
  kind: string;
  /** Bank entries this query may not retrieve (itself). */
  exclude: number;
}
interface Setup {
  skill: SkillId;
  bank: { text: string; kind: string }[];
  queries: Query[];
}

function setupFor(skill: SkillId): Setup {
  const definition = getSkill(skill);
  const text = (c: EvalCase) => formatStoredInput(definition, c.input);
  if (skill === 'file-naming') {
    const { shared, twins } = fileNamingSets();
    return {
      skill,
      bank: shared.map((c) => ({ text: text(c), kind: c.kind })),
      queries: twins.map((c) => ({ text: text(c), kind: c.kind, exclude: -1 })),
    };
  }
  const cases = evalCases(skill);
  return {
    skill,
    bank: cases.map((c) => ({ text: text(c), kind: c.kind })),
    queries: cases.map((c, i) => ({ text: text(c), kind: c.kind, exclude: i })),
  };
}

type Ranker = (query: Query) => Promise<number[]> | number[];

function ftsRanker(bank: Setup['bank'], tokenizer: string): Ranker {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = '${tokenizer}')`);
  const insert = db.prepare('INSERT INTO docs(rowid, body) VALUES (?, ?)');
  for (const [i, b] of bank.entries()) insert.run(i, b.text);
  const search = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 40');
  return (query) => {
    const match = ftsQuery(tokenize(query.text));
    return match === null ? [] : (search.pluck().all(match) as number[]);
  };
}

async function embeddingRanker(bank: Setup['bank']): Promise<Ranker | null> {
  if (!modelPath) return null;
  const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createEmbeddingContext({ threads: Number(values.threads), contextSize: 2048 });
  const embed = async (text: string) => [...(await context.getEmbeddingFor(text)).vector];
  const vectors: number[][] = [];
  for (const b of bank) vectors.push(await embed(b.text));
  const cosine = (a: number[], b: number[]) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      dot += (a[i] ?? 0) * (b[i] ?? 0);
      na += (a[i] ?? 0) ** 2;
      nb += (b[i] ?? 0) ** 2;
    }
    return dot / Math.sqrt(na * nb || 1);
  };
  return async (query) => {
    const q = await embed(query.text);
    return vectors
      .map((v, i) => ({ i, s: cosine(q, v) }))
      .sort((a, b) => b.s - a.s)
      .map((x) => x.i);
  };
}

/** Recall@1 (the top example is of the query's kind) and mean reciprocal rank of the first hit. */
async function evaluate(setup: Setup, rank: Ranker) {
  let top1 = 0;
  let reciprocal = 0;
  let ms = 0;
  for (const query of setup.queries) {
    const started = performance.now();
    const ranked = (await rank(query)).filter((i) => i !== query.exclude);
    ms += performance.now() - started;
    const first = ranked.findIndex((i) => setup.bank[i]?.kind === query.kind);
    if (first === 0) top1++;
    if (first >= 0) reciprocal += 1 / (first + 1);
  }
  const n = setup.queries.length;
  return { recallAt1: round(top1 / n), mrr: round(reciprocal / n), msPerQuery: round(ms / n, 2) };
}

const report = [];
for (const skill of skillIds) {
  const setup = setupFor(skill);
  const embeddings = await embeddingRanker(setup.bank);
  report.push({
    skill,
    queries: setup.queries.length,
    ftsPorter: await evaluate(setup, ftsRanker(setup.bank, 'porter unicode61')),
    ftsPlain: await evaluate(setup, ftsRanker(setup.bank, 'unicode61')),
    embeddings: embeddings ? await evaluate(setup, embeddings) : null,
    // The newest examples regardless of the input: the bank's order, newest last.
    recent: await evaluate(setup, (q) =>
      setup.bank.map((_, i) => setup.bank.length - 1 - i).filter((i) => i !== q.exclude),
    ),
  });
}
if (!values.json) {
  process.stderr.write(
    'skill               FTS5 porter    FTS5 plain     SmolLM2 embed  recent   (recall@1 / MRR)\n',
  );
  for (const r of report) {
    const cell = (x: { recallAt1: number; mrr: number } | null) =>
      x ? `${x.recallAt1.toFixed(2)} / ${x.mrr.toFixed(2)}`.padEnd(15) : 'n/a'.padEnd(15);
    process.stderr.write(
      `${r.skill.padEnd(18)}  ${cell(r.ftsPorter)}${cell(r.ftsPlain)}${cell(r.embeddings)}${cell(r.recent)}\n`,
    );
  }
}
process.stdout.write(`${JSON.stringify(report, null, values.json ? 0 : 2)}\n`);
