import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type ExamplePolicy, parseExamplePolicy } from '../examples/examplePolicy';
import { camelizeRow } from './camelizeRow';
import {
  type SessionStatus,
  type SessionTrigger,
  sessionStatuses,
  sessionTriggers,
  type VariantStatus,
  variantStatuses,
} from './columnValues';
import { newId } from './newId';
import { isInterruptedRun, type SessionEvent, transition } from './sessionTransition';
import { jsonText, nullableSqlTime, sqlTime, toSqlTime } from './sqlTime';

const sessionRow = z
  .object({
    id: z.string(),
    skill: z.string(),
    original_version: z.number().int(),
    trigger: z.enum(sessionTriggers),
    status: z.enum(sessionStatuses),
    started_at: sqlTime,
    testing_from: nullableSqlTime,
    completed_at: nullableSqlTime,
    winner: z.string().nullable(),
    decision_rule: z.string().nullable(),
    decision_reason: z.string().nullable(),
    promoted_version: z.number().int().nullable(),
    budget_calls: z.number().int().nullable(),
    budget_ms: z.number().int().nullable(),
    calls_used: z.number().int(),
    progress: z.number(),
    error: z.string().nullable(),
  })
  .transform(camelizeRow);
export type EvolutionSession = z.output<typeof sessionRow>;

const variantRow = z
  .object({
    id: z.string(),
    session: z.string(),
    letter: z.string(),
    template: z.string(),
    reasoning: z.string().nullable(),
    operator: z.string(),
    mutation_prompt: z.string().nullable(),
    parent: z.string().nullable(),
    fitness: z.number().nullable(),
    judge_score: jsonText.nullable().transform((value) => {
      const parsed = storedJudgeScoreSchema.safeParse(value);
      return parsed.success ? parsed.data : null;
    }),
    status: z.enum(variantStatuses),
    created_at: sqlTime,
    example_policy: jsonText.transform(parseExamplePolicy),
  })
  .transform(camelizeRow);
export type Variant = z.output<typeof variantRow>;

const voteRow = z
  .object({
    id: z.string(),
    session: z.string(),
    task: z.string().nullable(),
    shown: jsonText.pipe(z.array(z.string())),
    chosen: z.string().nullable(),
    created_at: sqlTime,
    same_as: jsonText.pipe(z.record(z.string(), z.array(z.string()))),
  })
  .transform(camelizeRow);
export type Vote = z.output<typeof voteRow>;

const toSession = (row: unknown): EvolutionSession => sessionRow.parse(row);
const toVariant = (row: unknown): Variant => variantRow.parse(row);
const toVote = (row: unknown): Vote => voteRow.parse(row);

/**
 * What the judge said of a variant (`variants.judge_score`): the rubric score 0–100 with its
 * dimensions and reason, the model and the tier that judged (`backup` when the cloud fell back).
 */
export const storedJudgeScoreSchema = z.object({
  score: z.number().min(0).max(100),
  dimensions: z.record(z.string(), z.number()),
  reason: z.string(),
  model: z.string(),
  tier: z.string(),
});
export type StoredJudgeScore = z.infer<typeof storedJudgeScoreSchema>;

export interface NewVariant {
  letter: string;
  template: string;
  examplePolicy: ExamplePolicy;
  reasoning: string | null;
  operator: string;
  mutationPrompt: string | null;
  parent: string | null;
  fitness: number | null;
  /** The judge's verdict when the judge screened the run. */
  judgeScore?: StoredJudgeScore | null;
}

export interface SessionDecisionRecord {
  /** `decide` (a stop rule), `promote` (by hand) or `cancel`. */
  event: Extract<SessionEvent, 'decide' | 'promote' | 'cancel'>;
  winner: string | null;
  rule: string | null;
  reason: string;
  promotedVersion: number | null;
}

/** The columns written beside a session's status. */
type SessionColumn =
  | 'testing_from'
  | 'progress'
  | 'completed_at'
  | 'winner'
  | 'decision_rule'
  | 'decision_reason'
  | 'promoted_version'
  | 'error';

/**
 * Evolution sessions with their variants and A/B votes. Every status it writes is the one
 * {@link transition} gives for the event.
 */
export function sessionRepository(db: Database.Database) {
  const getSession = (id: string): EvolutionSession | null => {
    const row = db.prepare('SELECT * FROM evolution_sessions WHERE id = ?').get(id);
    return row ? toSession(row) : null;
  };

  /**
   * Moves a stored session by `event` and writes `columns` beside its status; returns the session
   * as stored. Call inside a write transaction.
   *
   * @throws RefusedTransitionError when the event does not apply to the session's status.
   */
  const move = (
    id: string,
    event: SessionEvent,
    columns: Partial<Record<SessionColumn, string | number | null>> = {},
  ): EvolutionSession => {
    const current = getSession(id);
    if (!current) throw new Error(`no session ${id}`);
    const status = transition(current.status, event);
    const names = Object.keys(columns) as SessionColumn[];
    db.prepare(
      `UPDATE evolution_sessions SET ${['status', ...names].map((name) => `${name} = ?`).join(', ')}
       WHERE id = ? AND status = ?`,
    ).run(status, ...names.map((name) => columns[name] ?? null), id, current.status);
    const moved = getSession(id);
    if (!moved) throw new Error(`session ${id} vanished`);
    return moved;
  };

  return {
    /**
     * Stores a new session: `breed` starts it breeding, `openTest` opens its A/B test at once with
     * `variants`. Call inside a write transaction; the partial unique index refuses a second open
     * session.
     */
    createSession(
      session: {
        skill: string;
        originalVersion: number;
        trigger: SessionTrigger;
        start: Extract<SessionEvent, 'breed' | 'openTest'>;
      },
      variants: readonly NewVariant[],
      now: Date,
    ): EvolutionSession {
      const id = newId('s');
      const at = toSqlTime(now);
      const status = transition(null, session.start);
      db.prepare(
        `INSERT INTO evolution_sessions (id, skill, original_version, trigger, status, started_at, testing_from)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        session.skill,
        session.originalVersion,
        session.trigger,
        status,
        at,
        status === 'testing' ? at : null,
      );
      this.addVariants(id, variants, status === 'testing' ? 'testing' : 'candidate', now);
      const created = this.getSession(id);
      if (!created) throw new Error(`session ${id} was not stored`);
      return created;
    },

    /** An interrupted run goes on breeding (a run killed while the judge screened breeds its finalists again). */
    resumeRun(id: string): EvolutionSession {
      return move(id, 'resume');
    },

    /** The judge screens the bred finalists. Call inside a write transaction. */
    startScreening(id: string): EvolutionSession {
      return move(id, 'screen');
    },

    /** Replaces the session's variants with the bred ones and opens the A/B test. In a write transaction. */
    startTesting(id: string, variants: readonly NewVariant[], now: Date): EvolutionSession {
      db.prepare('DELETE FROM variants WHERE session = ?').run(id);
      this.addVariants(id, variants, 'testing', now);
      return move(id, 'startTesting', { testing_from: toSqlTime(now), progress: 1 });
    },

    /** Ends a run that will not produce variants. Call inside a write transaction. */
    endRun(id: string, event: 'cancel' | 'fail', reason: string, now: Date): EvolutionSession {
      return move(id, event, {
        completed_at: toSqlTime(now),
        decision_reason: reason,
        error: event === 'fail' ? reason : null,
      });
    },

    /** Adds variants to a session under one status. Call inside a write transaction. */
    addVariants(session: string, variants: readonly NewVariant[], status: VariantStatus, now: Date): void {
      const insert = db.prepare(
        `INSERT INTO variants (id, session, letter, template, example_policy, reasoning, operator, mutation_prompt, parent, fitness, judge_score, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const v of variants) {
        insert.run(
          newId('v', 6),
          session,
          v.letter,
          v.template,
          JSON.stringify(v.examplePolicy),
          v.reasoning,
          v.operator,
          v.mutationPrompt,
          v.parent,
          v.fitness,
          v.judgeScore ? JSON.stringify(v.judgeScore) : null,
          status,
          toSqlTime(now),
        );
      }
    },

    getSession,

    /** Runs left breeding or screening (the app quit, the process was killed), oldest first. */
    interruptedRuns(): EvolutionSession[] {
      return db
        .prepare(
          `SELECT * FROM evolution_sessions WHERE status IN ('breeding', 'screening') ORDER BY started_at`,
        )
        .all()
        .map(toSession)
        .filter((session) => isInterruptedRun(session.status));
    },

    openSessionFor(skill: string): EvolutionSession | null {
      const row = db
        .prepare(
          `SELECT * FROM evolution_sessions WHERE skill = ? AND status IN ('breeding', 'screening', 'testing')`,
        )
        .get(skill);
      return row ? toSession(row) : null;
    },

    /** Newest first. */
    sessionsFor(skill: string): EvolutionSession[] {
      return db
        .prepare('SELECT * FROM evolution_sessions WHERE skill = ? ORDER BY started_at DESC, rowid DESC')
        .all(skill)
        .map(toSession);
    },

    sessionsInStatus(status: SessionStatus): EvolutionSession[] {
      return db
        .prepare('SELECT * FROM evolution_sessions WHERE status = ? ORDER BY started_at')
        .all(status)
        .map(toSession);
    },

    lastEvolutionAt(skill: string): Date | null {
      const row = z
        .object({ at: nullableSqlTime })
        .parse(db.prepare('SELECT MAX(started_at) AS at FROM evolution_sessions WHERE skill = ?').get(skill));
      return row.at;
    },

    variantsOf(session: string): Variant[] {
      return db
        .prepare('SELECT * FROM variants WHERE session = ? ORDER BY letter')
        .all(session)
        .map(toVariant);
    },

    /**
     * Stores one comparison. The id is the idempotency key: a replay of the same key returns the vote
     * already stored and `inserted: false`. Call inside a write transaction.
     */
    recordVote(
      vote: {
        id: string;
        session: string;
        task: string | null;
        shown: readonly string[];
        chosen: string | null;
        /** Arms whose output was identical to a shown arm's, by shown arm. */
        sameAs?: Readonly<Record<string, readonly string[]>>;
      },
      now: Date,
    ): { vote: Vote; inserted: boolean } {
      const result = db
        .prepare(
          `INSERT INTO ab_votes (id, session, task, shown, chosen, created_at, same_as) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO NOTHING`,
        )
        .run(
          vote.id,
          vote.session,
          vote.task,
          JSON.stringify(vote.shown),
          vote.chosen,
          toSqlTime(now),
          JSON.stringify(vote.sameAs ?? {}),
        );
      const stored = db.prepare('SELECT * FROM ab_votes WHERE id = ?').get(vote.id);
      if (!stored) throw new Error(`vote ${vote.id} was not stored`);
      return { vote: toVote(stored), inserted: result.changes === 1 };
    },

    getVote(id: string): Vote | null {
      const row = db.prepare('SELECT * FROM ab_votes WHERE id = ?').get(id);
      return row ? toVote(row) : null;
    },

    votesOf(session: string): Vote[] {
      return db
        .prepare('SELECT * FROM ab_votes WHERE session = ? ORDER BY created_at, rowid')
        .all(session)
        .map(toVote);
    },

    /** Whether the session has a vote (or Skip) about the task. */
    hasVoteOn(session: string, task: string): boolean {
      return (
        db.prepare('SELECT 1 FROM ab_votes WHERE session = ? AND task = ?').get(session, task) !== undefined
      );
    },

    /**
     * Tasks of `skill` created at or after `since` that the session could still ask about: no vote in
     * it yet, no suggestion (a watcher task's choice is part of its suggestion) and runs of at least
     * two arms stored. Newest first, at most `limit`.
     */
    unvotedComparisonTasks(session: string, skill: string, since: Date, limit: number): string[] {
      return db
        .prepare(
          `SELECT t.id FROM tasks t
           WHERE t.skill = ? AND t.created_at >= ?
             AND NOT EXISTS (SELECT 1 FROM ab_votes v WHERE v.session = ? AND v.task = t.id)
             AND NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.task = t.id)
             AND (SELECT COUNT(DISTINCT r.arm) FROM task_runs r WHERE r.task = t.id) >= 2
           ORDER BY t.created_at DESC, t.rowid DESC LIMIT ?`,
        )
        .pluck()
        .all(skill, toSqlTime(since), session, limit) as string[];
    },

    /** Closes a session and marks its variants. Call inside a write transaction. */
    closeSession(id: string, decision: SessionDecisionRecord, now: Date): EvolutionSession {
      const closed = move(id, decision.event, {
        completed_at: toSqlTime(now),
        winner: decision.winner,
        decision_rule: decision.rule,
        decision_reason: decision.reason,
        promoted_version: decision.promotedVersion,
      });
      db.prepare(
        `UPDATE variants SET status = CASE WHEN letter = ? THEN 'winner' WHEN status = 'rejected' THEN 'rejected' ELSE 'archived' END
         WHERE session = ?`,
      ).run(decision.winner ?? '', id);
      return closed;
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
