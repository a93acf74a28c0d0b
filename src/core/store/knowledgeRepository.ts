import type Database from 'better-sqlite3';
import { z } from 'zod';
import { examplePolicySchema } from '../examples/examplePolicy';
import { jsonText, toSqlTime } from './sqlTime';

export const mutatorKinds = ['mutation_prompt', 'thinking_style'] as const;
export type MutatorKind = (typeof mutatorKinds)[number];

/** A mutation prompt or thinking style of the population every skill shares. */
export interface SharedMutator {
  kind: MutatorKind;
  text: string;
  /** The skill whose run wrote it; `null` for the built-in ones. */
  originSkill: string | null;
  /** How it came about, e.g. `built-in` or `hyper-mutated in file-naming`. */
  origin: string;
  /** Children made with it… */
  tries: number;
  /** …and how many of them beat their parent. */
  improvements: number;
}

const mutatorRow = z.object({
  kind: z.enum(mutatorKinds),
  text: z.string(),
  origin_skill: z.string().nullable(),
  origin: z.string(),
  tries: z.number().int(),
  improvements: z.number().int(),
});

const countsSchema = z.record(
  z.string(),
  z.object({ tries: z.number().int(), improvements: z.number().int() }),
);

/** What a finished run of another skill taught, as the next skill's breeder reads it. */
export interface EvolutionLesson {
  session: string;
  skill: string;
  /** The best variant's instruction block, when it beat the original; else `null`. */
  instruction: string | null;
  examplePolicy: z.infer<typeof examplePolicySchema> | null;
  fitness: number | null;
  originalFitness: number | null;
  /** Tries and fitter children per operator in that run. */
  operators: Record<string, { tries: number; improvements: number }>;
  /** The version the session promoted, if it did (then `instruction` is that version's). */
  promotedVersion: number | null;
  promotedTemplate: string | null;
}

const lessonRow = z.object({
  session: z.string(),
  skill: z.string(),
  instruction: z.string().nullable(),
  example_policy: jsonText.pipe(examplePolicySchema.nullable()).nullable(),
  fitness: z.number().nullable(),
  original_fitness: z.number().nullable(),
  operators: jsonText.pipe(countsSchema),
  promoted_version: z.number().int().nullable(),
  promoted_template: z.string().nullable(),
});

/** Learned mutation prompts kept in the population beside the built-in ones, by success rate. */
export const LEARNED_MUTATORS_KEPT = 12;

/**
 * Cross-skill knowledge: the shared population of mutation prompts and thinking styles with their
 * success rates, and one lesson per finished breeding run.
 */
export function knowledgeRepository(db: Database.Database) {
  return {
    /**
     * The population of one kind: the built-ins (inserted on first read) and the best
     * {@link LEARNED_MUTATORS_KEPT} learned ones by smoothed success rate; `onlySkill` limits the
     * learned ones to those a skill wrote itself (cross-skill learning off).
     */
    mutators(kind: MutatorKind, builtIn: readonly string[], now: Date, onlySkill?: string): SharedMutator[] {
      const insert = db.prepare(
        `INSERT OR IGNORE INTO shared_mutators (kind, text, origin_skill, origin, created_at) VALUES (?, ?, NULL, 'built-in', ?)`,
      );
      for (const text of builtIn) insert.run(kind, text, toSqlTime(now));
      const rows = db
        .prepare(
          `SELECT kind, text, origin_skill, origin, tries, improvements FROM shared_mutators
           WHERE kind = ? AND (origin_skill IS NULL OR ? IS NULL OR origin_skill = ?)
           ORDER BY origin_skill IS NOT NULL, (1.0 + improvements) / (2.0 + tries) DESC, created_at`,
        )
        .all(kind, onlySkill ?? null, onlySkill ?? null)
        .map((row) => mutatorRow.parse(row));
      const builtIns = rows.filter((r) => r.origin_skill === null);
      const learned = rows.filter((r) => r.origin_skill !== null).slice(0, LEARNED_MUTATORS_KEPT);
      return [...builtIns, ...learned].map((r) => ({
        kind: r.kind,
        text: r.text,
        originSkill: r.origin_skill,
        origin: r.origin,
        tries: r.tries,
        improvements: r.improvements,
      }));
    },

    /** A child was made with `text`; a new one (hyper-mutation wrote it) joins the population. Call inside a write transaction. */
    recordMutatorUse(
      use: { kind: MutatorKind; text: string; improved: boolean; skill: string; origin: string },
      now: Date,
    ): void {
      db.prepare(
        `INSERT INTO shared_mutators (kind, text, origin_skill, origin, tries, improvements, created_at)
         VALUES (?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (kind, text) DO UPDATE SET tries = tries + 1, improvements = improvements + excluded.improvements`,
      ).run(use.kind, use.text, use.skill, use.origin, use.improved ? 1 : 0, toSqlTime(now));
    },

    /** Stores what a finished run learned (replacing an earlier lesson of the session). */
    recordLesson(
      lesson: Pick<
        EvolutionLesson,
        'session' | 'skill' | 'instruction' | 'examplePolicy' | 'fitness' | 'originalFitness' | 'operators'
      >,
      now: Date,
    ): void {
      db.prepare(
        `INSERT OR REPLACE INTO evolution_lessons (session, skill, instruction, example_policy, fitness, original_fitness, operators, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        lesson.session,
        lesson.skill,
        lesson.instruction,
        lesson.examplePolicy ? JSON.stringify(lesson.examplePolicy) : null,
        lesson.fitness,
        lesson.originalFitness,
        JSON.stringify(lesson.operators),
        toSqlTime(now),
      );
    },

    /** Lessons of every skill but `skill`, newest first, with the version each session promoted. */
    lessonsForOtherSkills(skill: string): EvolutionLesson[] {
      return db
        .prepare(
          `SELECT l.session, l.skill, l.instruction, l.example_policy, l.fitness, l.original_fitness, l.operators,
                  s.promoted_version, v.template AS promoted_template
           FROM evolution_lessons l
           JOIN evolution_sessions s ON s.id = l.session
           LEFT JOIN prompt_versions v ON v.skill = l.skill AND v.version = s.promoted_version
           WHERE l.skill <> ?
           ORDER BY l.created_at DESC, l.rowid DESC`,
        )
        .all(skill)
        .map((row) => {
          const r = lessonRow.parse(row);
          return {
            session: r.session,
            skill: r.skill,
            instruction: r.instruction,
            examplePolicy: r.example_policy,
            fitness: r.fitness,
            originalFitness: r.original_fitness,
            operators: r.operators,
            promotedVersion: r.promoted_version,
            promotedTemplate: r.promoted_template,
          };
        });
    },
  };
}

export type KnowledgeRepository = ReturnType<typeof knowledgeRepository>;
