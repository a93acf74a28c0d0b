import type Database from 'better-sqlite3';
import { z } from 'zod';
import { camelizeRow } from './camelizeRow';
import { jsonText, sqlTime, toSqlTime } from './sqlTime';

export const exampleKinds = ['accepted', 'corrected', 'negative'] as const;
export type ExampleKind = (typeof exampleKinds)[number];

const exampleRow = z
  .object({
    id: z.number().int(),
    task: z.string(),
    skill: z.string(),
    kind: z.enum(exampleKinds),
    input_text: z.string(),
    output: jsonText.nullable(),
    reference: jsonText.nullable(),
    rejected: jsonText.nullable(),
    created_at: sqlTime,
  })
  .transform(camelizeRow);
/** A row of the example bank; see migration 4 for what each column holds. */
export type StoredExample = z.output<typeof exampleRow>;

const toExample = (row: unknown): StoredExample => exampleRow.parse(row);

export type NewExample = Omit<StoredExample, 'id'>;

/** Query terms kept per search: enough for any formatted input's distinctive words, bounded cost. */
export const MAX_QUERY_TERMS = 64;

/**
 * An FTS5 query matching any of the words (OR), each quoted so no word is read as an operator.
 * Returns null when there is no word to search for.
 */
export function ftsQuery(words: readonly string[]): string | null {
  const unique = [...new Set(words.map((w) => w.replace(/"/g, '')).filter((w) => w !== ''))];
  if (unique.length === 0) return null;
  return unique
    .slice(0, MAX_QUERY_TERMS)
    .map((w) => `"${w}"`)
    .join(' OR ');
}

/** The example bank: the user's accepted outputs, corrections and rejections, with a full-text index. */
export function exampleRepository(db: Database.Database) {
  return {
    /** Inserts or replaces the example of a task (a second verdict replaces the first). Call inside a write transaction. */
    put(example: NewExample): void {
      db.prepare(
        `INSERT INTO examples (task, skill, kind, input_text, output, reference, rejected, created_at)
         VALUES (@task, @skill, @kind, @inputText, @output, @reference, @rejected, @createdAt)
         ON CONFLICT (task) DO UPDATE SET
           kind = excluded.kind, input_text = excluded.input_text, output = excluded.output,
           reference = excluded.reference, rejected = excluded.rejected, created_at = excluded.created_at`,
      ).run({
        task: example.task,
        skill: example.skill,
        kind: example.kind,
        inputText: example.inputText,
        output: example.output === null ? null : JSON.stringify(example.output),
        reference: example.reference === null ? null : JSON.stringify(example.reference),
        rejected: example.rejected === null ? null : JSON.stringify(example.rejected),
        createdAt: toSqlTime(example.createdAt),
      });
    },

    forTask(task: string): StoredExample | null {
      const row = db.prepare('SELECT * FROM examples WHERE task = ?').get(task);
      return row ? toExample(row) : null;
    },

    /** The listed tasks' examples, in the order given (missing ones left out). */
    forTasks(tasks: readonly string[]): StoredExample[] {
      return tasks.flatMap((task) => {
        const found = this.forTask(task);
        return found ? [found] : [];
      });
    },

    /** A skill's examples, newest first. */
    list(skill: string, options: { kinds?: readonly ExampleKind[]; limit?: number } = {}): StoredExample[] {
      const kinds = options.kinds ?? exampleKinds;
      return db
        .prepare(
          `SELECT * FROM examples WHERE skill = ? AND kind IN (${kinds.map(() => '?').join(', ')})
           ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(skill, ...kinds, options.limit ?? -1)
        .map(toExample);
    },

    count(skill: string): { accepted: number; corrected: number; negative: number } {
      const counts = { accepted: 0, corrected: 0, negative: 0 };
      for (const row of db
        .prepare('SELECT kind, COUNT(*) AS n FROM examples WHERE skill = ? GROUP BY kind')
        .all(skill) as { kind: ExampleKind; n: number }[])
        counts[row.kind] = row.n;
      return counts;
    },

    /**
     * The examples with a good output whose inputs share the most words with `words`, best first (BM25),
     * at most `limit`, leaving out `exclude` (a task is never its own demonstration).
     */
    searchSimilar(
      skill: string,
      words: readonly string[],
      limit: number,
      exclude: ReadonlySet<string> = new Set(),
    ): { example: StoredExample; rank: number }[] {
      const query = ftsQuery(words);
      if (query === null || limit <= 0) return [];
      const rows = db
        .prepare(
          `SELECT e.*, bm25(examples_fts) AS rank FROM examples_fts JOIN examples e ON e.id = examples_fts.rowid
           WHERE examples_fts MATCH ? AND e.skill = ? AND e.kind != 'negative'
           ORDER BY rank, e.created_at DESC LIMIT ?`,
        )
        .all(query, skill, limit + exclude.size) as (Record<string, unknown> & { rank: number })[];
      return rows
        .map(({ rank, ...row }) => ({ example: toExample(row), rank }))
        .filter((r) => !exclude.has(r.example.task))
        .slice(0, limit);
    },

    /** Feedback rows whose example is missing or older than the verdict (written before migration 4). */
    staleTasks(): string[] {
      return db
        .prepare(
          `SELECT f.task FROM feedback f LEFT JOIN examples e ON e.task = f.task
           WHERE e.task IS NULL OR e.created_at != f.created_at ORDER BY f.created_at`,
        )
        .pluck()
        .all() as string[];
    },
  };
}

export type ExampleRepository = ReturnType<typeof exampleRepository>;
