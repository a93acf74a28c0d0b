import type Database from 'better-sqlite3';
import { z } from 'zod';
import { jsonText, toSqlTime } from './sqlTime';

export const breederPhases = ['initial', 'tournament', 'final', 'done'] as const;
export type BreederPhase = (typeof breederPhases)[number];

const runRow = z.object({
  session: z.string(),
  seed: z.number().int(),
  settings: jsonText,
  examples: jsonText.pipe(z.array(z.string())),
  phase: z.enum(breederPhases),
  generation: z.number().int(),
  calls: z.number().int(),
  cache_hits: z.number().int(),
  wall_ms: z.number().int(),
});

/** What a breeder run keeps besides its population, so a killed run resumes where it stopped. */
export interface BreederRunState {
  session: string;
  seed: number;
  /** The settings the run started with (a resumed run keeps them even if the config changed). */
  settings: unknown;
  /** Task ids of the tournament's evaluation sample, in order. */
  examples: string[];
  phase: BreederPhase;
  /** Last generation whose population is stored. */
  generation: number;
  calls: number;
  cacheHits: number;
  /** Wall time spent in earlier attempts of this run. */
  wallMs: number;
}

const cacheRow = z.object({ example: z.string(), output: jsonText.nullable(), error: z.string().nullable() });
export interface CachedOutput {
  output: unknown;
  /** Why the model's answer was unusable (schema failure, token cap); scores 0. */
  error: string | null;
}

const countRow = z.object({ key: z.string(), tries: z.number().int(), improvements: z.number().int() });

/** PromptBreeder state: fitness cache, run state, population per generation, mutation outcomes. */
export function breederRepository(db: Database.Database) {
  return {
    /** Outputs already computed for a prompt (by its hash) on the given model, by example id. */
    cachedOutputs(promptHash: string, model: string): Map<string, CachedOutput> {
      const rows = db
        .prepare(
          'SELECT example, output, error FROM breeder_fitness_cache WHERE prompt_hash = ? AND model = ?',
        )
        .all(promptHash, model)
        .map((row) => cacheRow.parse(row));
      return new Map(rows.map((r) => [r.example, { output: r.output, error: r.error }]));
    },

    storeOutput(
      entry: { promptHash: string; example: string; model: string } & CachedOutput,
      now: Date,
    ): void {
      db.prepare(
        `INSERT INTO breeder_fitness_cache (prompt_hash, example, model, output, error, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (prompt_hash, example, model) DO UPDATE SET output = excluded.output, error = excluded.error`,
      ).run(
        entry.promptHash,
        entry.example,
        entry.model,
        entry.error === null ? JSON.stringify(entry.output) : null,
        entry.error,
        toSqlTime(now),
      );
    },

    createRun(run: Pick<BreederRunState, 'session' | 'seed' | 'settings' | 'examples'>, now: Date): void {
      db.prepare(
        `INSERT INTO breeder_runs (session, seed, settings, examples, phase, updated_at) VALUES (?, ?, ?, ?, 'initial', ?)`,
      ).run(
        run.session,
        run.seed,
        JSON.stringify(run.settings),
        JSON.stringify(run.examples),
        toSqlTime(now),
      );
    },

    getRun(session: string): BreederRunState | null {
      const row = db.prepare('SELECT * FROM breeder_runs WHERE session = ?').get(session);
      if (!row) return null;
      const r = runRow.parse(row);
      return {
        session: r.session,
        seed: r.seed,
        settings: r.settings,
        examples: r.examples,
        phase: r.phase,
        generation: r.generation,
        calls: r.calls,
        cacheHits: r.cache_hits,
        wallMs: r.wall_ms,
      };
    },

    updateRun(
      session: string,
      state: Pick<BreederRunState, 'phase' | 'generation' | 'calls' | 'cacheHits' | 'wallMs'>,
      now: Date,
    ): void {
      db.prepare(
        `UPDATE breeder_runs SET phase = ?, generation = ?, calls = ?, cache_hits = ?, wall_ms = ?, updated_at = ?
         WHERE session = ?`,
      ).run(
        state.phase,
        state.generation,
        state.calls,
        state.cacheHits,
        state.wallMs,
        toSqlTime(now),
        session,
      );
    },

    /** Stores a generation's whole population (replacing a half-written one). Call inside a write transaction. */
    savePopulation(session: string, generation: number, units: readonly unknown[]): void {
      db.prepare('DELETE FROM breeder_population WHERE session = ? AND generation = ?').run(
        session,
        generation,
      );
      const insert = db.prepare(
        'INSERT INTO breeder_population (session, generation, slot, unit) VALUES (?, ?, ?, ?)',
      );
      units.forEach((unit, slot) => {
        insert.run(session, generation, slot, JSON.stringify(unit));
      });
    },

    /** The newest stored generation of a run, its units in slot order. */
    latestPopulation(session: string): { generation: number; units: unknown[] } | null {
      const latest = z
        .object({ generation: z.number().int().nullable() })
        .parse(
          db
            .prepare('SELECT MAX(generation) AS generation FROM breeder_population WHERE session = ?')
            .get(session),
        );
      if (latest.generation === null) return null;
      const units = db
        .prepare('SELECT unit FROM breeder_population WHERE session = ? AND generation = ? ORDER BY slot')
        .all(session, latest.generation)
        .map((row) => z.object({ unit: jsonText }).parse(row).unit);
      return { generation: latest.generation, units };
    },

    /** One generation's mutation and whether its child beat its parent. Call inside a write transaction. */
    recordMutation(
      m: {
        session: string;
        skill: string;
        generation: number;
        operator: string;
        mutationPrompt: string;
        improved: boolean;
      },
      now: Date,
    ): void {
      db.prepare(
        `INSERT OR REPLACE INTO breeder_mutations (session, skill, generation, operator, mutation_prompt, improved, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        m.session,
        m.skill,
        m.generation,
        m.operator,
        m.mutationPrompt,
        m.improved ? 1 : 0,
        toSqlTime(now),
      );
    },

    /** Tries and fitter children per operator, over every run of the skill. */
    operatorStats(skill: string): Map<string, { tries: number; improvements: number }> {
      return counts(db, 'operator', skill);
    },

    /** Tries and fitter children per mutation prompt, over every run of the skill. */
    mutationPromptStats(skill: string): Map<string, { tries: number; improvements: number }> {
      return counts(db, 'mutation_prompt', skill);
    },

    /** Tries and fitter children per operator in one run. */
    sessionOperatorStats(session: string): Map<string, { tries: number; improvements: number }> {
      return counts(db, 'operator', session, 'session');
    },

    setProgress(
      session: string,
      p: { callsUsed: number; progress: number; budgetCalls: number; budgetMs: number },
    ): void {
      db.prepare(
        'UPDATE evolution_sessions SET calls_used = ?, progress = ?, budget_calls = ?, budget_ms = ? WHERE id = ?',
      ).run(p.callsUsed, p.progress, p.budgetCalls, p.budgetMs, session);
    },
  };
}

function counts(
  db: Database.Database,
  column: 'operator' | 'mutation_prompt',
  value: string,
  by: 'skill' | 'session' = 'skill',
): Map<string, { tries: number; improvements: number }> {
  const rows = db
    .prepare(
      `SELECT ${column} AS key, COUNT(*) AS tries, SUM(improved) AS improvements
       FROM breeder_mutations WHERE ${by} = ? GROUP BY ${column}`,
    )
    .all(value)
    .map((row) => countRow.parse(row));
  return new Map(rows.map((r) => [r.key, { tries: r.tries, improvements: r.improvements }]));
}

export type BreederRepository = ReturnType<typeof breederRepository>;
