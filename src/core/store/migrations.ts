import type Database from 'better-sqlite3';

/**
 * Versioned schema. Each entry runs once, in order, inside an IMMEDIATE transaction together with the
 * `user_version` bump, so two processes opening a fresh file at once cannot both apply it.
 * Never edit a shipped migration: add a new one.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE skills (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        description    TEXT NOT NULL,
        enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        active_version INTEGER NOT NULL
      );

      CREATE TABLE evolution_sessions (
        id                TEXT PRIMARY KEY,
        skill             TEXT NOT NULL REFERENCES skills(id),
        original_version  INTEGER NOT NULL,
        trigger           TEXT NOT NULL CHECK (trigger IN ('accuracy_drop', 'manual', 'scheduled')),
        status            TEXT NOT NULL
                          CHECK (status IN ('breeding', 'screening', 'testing', 'completed', 'cancelled', 'failed')),
        started_at        TEXT NOT NULL,
        testing_from      TEXT,
        completed_at      TEXT,
        winner            TEXT,
        decision_rule     TEXT,
        decision_reason   TEXT,
        promoted_version  INTEGER,
        budget_calls      INTEGER,
        budget_ms         INTEGER,
        calls_used        INTEGER NOT NULL DEFAULT 0,
        progress          REAL NOT NULL DEFAULT 0,
        error             TEXT
      );
      -- At most one open session per skill: the app and the CLI may both try to start one.
      CREATE UNIQUE INDEX evolution_sessions_one_open
        ON evolution_sessions(skill) WHERE status IN ('breeding', 'screening', 'testing');

      CREATE TABLE prompt_versions (
        skill          TEXT NOT NULL REFERENCES skills(id),
        version        INTEGER NOT NULL CHECK (version >= 1),
        template       TEXT NOT NULL,
        source         TEXT NOT NULL CHECK (source IN ('initial', 'manual', 'evolved', 'rollback')),
        parent_version INTEGER,
        session        TEXT REFERENCES evolution_sessions(id),
        created_at     TEXT NOT NULL,
        active_from    TEXT,
        active_to      TEXT,
        accuracy_start REAL,
        accuracy_end   REAL,
        notes          TEXT,
        PRIMARY KEY (skill, version)
      );

      CREATE TABLE variants (
        id              TEXT PRIMARY KEY,
        session         TEXT NOT NULL REFERENCES evolution_sessions(id),
        letter          TEXT NOT NULL,
        template        TEXT NOT NULL,
        reasoning       TEXT,
        operator        TEXT NOT NULL,
        mutation_prompt TEXT,
        parent          TEXT,
        fitness         REAL,
        judge_score     TEXT,
        status          TEXT NOT NULL CHECK (status IN ('candidate', 'rejected', 'testing', 'winner', 'archived')),
        created_at      TEXT NOT NULL,
        UNIQUE (session, letter)
      );

      CREATE TABLE tasks (
        id         TEXT PRIMARY KEY,
        skill      TEXT NOT NULL REFERENCES skills(id),
        input      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        source     TEXT NOT NULL CHECK (source IN ('watcher', 'cli', 'api'))
      );
      CREATE INDEX tasks_skill_created ON tasks(skill, created_at);

      CREATE TABLE task_runs (
        id             INTEGER PRIMARY KEY,
        task           TEXT NOT NULL REFERENCES tasks(id),
        prompt_version INTEGER,
        variant        TEXT REFERENCES variants(id),
        arm            TEXT NOT NULL,
        output         TEXT NOT NULL,
        latency_ms     INTEGER,
        tokens         INTEGER,
        model          TEXT,
        created_at     TEXT NOT NULL
      );
      CREATE INDEX task_runs_task ON task_runs(task);

      CREATE TABLE feedback (
        task           TEXT PRIMARY KEY REFERENCES tasks(id),
        skill          TEXT NOT NULL REFERENCES skills(id),
        prompt_version INTEGER NOT NULL,
        verdict        TEXT NOT NULL CHECK (verdict IN ('accepted', 'corrected', 'rejected')),
        correction     TEXT,
        created_at     TEXT NOT NULL,
        CHECK ((verdict = 'corrected') = (correction IS NOT NULL))
      );
      CREATE INDEX feedback_skill_created ON feedback(skill, created_at);

      CREATE TABLE breeder_population (
        session    TEXT NOT NULL REFERENCES evolution_sessions(id),
        generation INTEGER NOT NULL,
        slot       INTEGER NOT NULL,
        unit       TEXT NOT NULL,
        PRIMARY KEY (session, generation, slot)
      );

      -- Votes are the truth; posteriors are always derived from them.
      -- id doubles as the idempotency key: replaying the same vote is a no-op.
      CREATE TABLE ab_votes (
        id         TEXT PRIMARY KEY,
        session    TEXT NOT NULL REFERENCES evolution_sessions(id),
        task       TEXT REFERENCES tasks(id),
        shown      TEXT NOT NULL,
        chosen     TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ab_votes_session ON ab_votes(session, created_at);

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE judge_spend (
        id         INTEGER PRIMARY KEY,
        session    TEXT REFERENCES evolution_sessions(id),
        month      TEXT NOT NULL,
        usd        REAL NOT NULL CHECK (usd >= 0),
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'prompt breeder: fitness cache, run state, mutation outcomes',
    sql: `
      -- Model outputs, not scores: a changed reference (a later correction) re-scores for free.
      -- prompt_hash = sha256 of the rendered template; the model is part of the key because the same
      -- prompt gives another output on another model.
      CREATE TABLE breeder_fitness_cache (
        prompt_hash TEXT NOT NULL,
        example     TEXT NOT NULL,
        model       TEXT NOT NULL,
        output      TEXT,
        error       TEXT,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (prompt_hash, example, model)
      );

      -- One row per breeder run: what a resumed run needs besides its population.
      CREATE TABLE breeder_runs (
        session     TEXT PRIMARY KEY REFERENCES evolution_sessions(id),
        seed        INTEGER NOT NULL,
        settings    TEXT NOT NULL,
        examples    TEXT NOT NULL,
        phase       TEXT NOT NULL CHECK (phase IN ('initial', 'tournament', 'final', 'done')),
        generation  INTEGER NOT NULL DEFAULT 0,
        calls       INTEGER NOT NULL DEFAULT 0,
        cache_hits  INTEGER NOT NULL DEFAULT 0,
        wall_ms     INTEGER NOT NULL DEFAULT 0,
        updated_at  TEXT NOT NULL
      );

      -- Every mutation and whether it produced a fitter child: operator and mutation-prompt success
      -- rates are derived from these rows, never kept only as counters.
      CREATE TABLE breeder_mutations (
        id              INTEGER PRIMARY KEY,
        session         TEXT NOT NULL REFERENCES evolution_sessions(id),
        skill           TEXT NOT NULL REFERENCES skills(id),
        generation      INTEGER NOT NULL,
        operator        TEXT NOT NULL,
        mutation_prompt TEXT NOT NULL,
        improved        INTEGER NOT NULL CHECK (improved IN (0, 1)),
        created_at      TEXT NOT NULL,
        UNIQUE (session, generation)
      );
      CREATE INDEX breeder_mutations_skill ON breeder_mutations(skill, operator);
    `,
  },
  {
    version: 3,
    name: 'suggestions from watchers, renames, feedback prompts',
    sql: `
      -- A watcher's task waiting for the user where they are (popover, notification, CLI).
      -- subject = the absolute path of the file the task is about.
      CREATE TABLE suggestions (
        task          TEXT PRIMARY KEY REFERENCES tasks(id),
        skill         TEXT NOT NULL REFERENCES skills(id),
        subject       TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'expired', 'superseded')),
        created_at    TEXT NOT NULL,
        expires_at    TEXT NOT NULL,
        snoozed_until TEXT,
        answered_at   TEXT,
        answer        TEXT
      );
      CREATE INDEX suggestions_status ON suggestions(status, created_at);
      CREATE INDEX suggestions_subject ON suggestions(subject, status);

      -- Every rename tinyArms made, so it can be undone and the watcher knows its own doing.
      CREATE TABLE renames (
        task       TEXT PRIMARY KEY REFERENCES tasks(id),
        from_path  TEXT NOT NULL,
        to_path    TEXT NOT NULL,
        renamed_at TEXT NOT NULL,
        undone_at  TEXT
      );
      CREATE INDEX renames_to_path ON renames(to_path);

      -- Each time tinyArms asked for feedback unprompted (a notification): the daily fatigue limit
      -- is counted from these rows.
      CREATE TABLE feedback_prompts (
        id         INTEGER PRIMARY KEY,
        skill      TEXT NOT NULL REFERENCES skills(id),
        task       TEXT REFERENCES tasks(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX feedback_prompts_skill ON feedback_prompts(skill, created_at);
    `,
  },
  {
    version: 4,
    name: 'example bank, example policies, demonstrations per run',
    sql: `
      -- The example bank: one row per task with a verdict, derived from tasks, runs and feedback
      -- (rebuilt from them at open when missing). id is the rowid the full-text index points at.
      -- output   = the full output the user stands behind (accepted, or the run with the correction
      --            laid over it); null for a rejection without a correction (a negative).
      -- reference = what the user said: the accepted output or the correction as given.
      -- rejected = the output the user turned down (corrected or rejected).
      CREATE TABLE examples (
        id          INTEGER PRIMARY KEY,
        task        TEXT NOT NULL UNIQUE REFERENCES tasks(id),
        skill       TEXT NOT NULL REFERENCES skills(id),
        kind        TEXT NOT NULL CHECK (kind IN ('accepted', 'corrected', 'negative')),
        input_text  TEXT NOT NULL,
        output      TEXT,
        reference   TEXT,
        rejected    TEXT,
        created_at  TEXT NOT NULL,
        CHECK ((kind = 'negative') = (output IS NULL))
      );
      CREATE INDEX examples_skill ON examples(skill, kind, created_at);

      -- Full-text index over the formatted inputs (BM25 ranking), kept in step by triggers.
      CREATE VIRTUAL TABLE examples_fts USING fts5(
        input_text, content = 'examples', content_rowid = 'id', tokenize = 'porter unicode61'
      );
      CREATE TRIGGER examples_ai AFTER INSERT ON examples BEGIN
        INSERT INTO examples_fts(rowid, input_text) VALUES (new.id, new.input_text);
      END;
      CREATE TRIGGER examples_ad AFTER DELETE ON examples BEGIN
        INSERT INTO examples_fts(examples_fts, rowid, input_text) VALUES ('delete', old.id, old.input_text);
      END;
      CREATE TRIGGER examples_au AFTER UPDATE OF input_text ON examples BEGIN
        INSERT INTO examples_fts(examples_fts, rowid, input_text) VALUES ('delete', old.id, old.input_text);
        INSERT INTO examples_fts(rowid, input_text) VALUES (new.id, new.input_text);
      END;

      -- A prompt is its template plus an example policy (JSON, see examplePolicy.ts). Versions and
      -- variants from before get the policy v1 ships with, so corrections shape them too.
      ALTER TABLE prompt_versions ADD COLUMN example_policy TEXT NOT NULL
        DEFAULT '{"k":2,"selection":"similar","order":"best-last","fixed":[]}';
      ALTER TABLE variants ADD COLUMN example_policy TEXT NOT NULL
        DEFAULT '{"k":2,"selection":"similar","order":"best-last","fixed":[]}';
      -- Code linting's v1 shows none (long code examples did not help it; see codeLinting.ts).
      UPDATE prompt_versions SET example_policy = '{"k":0,"selection":"similar","order":"best-last","fixed":[]}'
        WHERE skill = 'code-linting';

      -- The bank examples a run was shown as demonstrations (JSON list of task ids), so the popover can
      -- say what shaped an output and tests can check the prompt that was built.
      ALTER TABLE task_runs ADD COLUMN examples TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 5,
    name: 'vote ties',
    sql: `
      -- Arms whose output was identical to a shown arm's (JSON object: shown arm → arms), so a pick of
      -- that output credits every arm that produced it. Older votes recorded none.
      ALTER TABLE ab_votes ADD COLUMN same_as TEXT NOT NULL DEFAULT '{}';
    `,
  },
  {
    version: 6,
    name: 'file identity',
    sql: `
      -- The file a suggestion was made about (JSON: device, inode, size, modification time), so an
      -- answer never renames another file that took its path; null for older suggestions.
      ALTER TABLE suggestions ADD COLUMN subject_identity TEXT;
      -- The file a rename moved, so Undo never moves another file (or a folder) that took its name.
      ALTER TABLE renames ADD COLUMN file_identity TEXT;
    `,
  },
  {
    version: 7,
    name: 'rename intents',
    sql: `
      -- A rename about to happen: committed before the file moves and deleted in the transaction that
      -- records the rename, so a crash in between is found at the next start and the file moved back.
      CREATE TABLE rename_intents (
        task          TEXT PRIMARY KEY REFERENCES tasks(id),
        from_path     TEXT NOT NULL,
        name          TEXT NOT NULL,
        file_identity TEXT NOT NULL,
        created_at    TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'cross-skill knowledge',
    sql: `
      -- The mutation prompts and thinking styles every skill's breeder draws from: the built-in
      -- lists plus what hyper-mutation wrote, with how often a child made with one beat its parent.
      CREATE TABLE shared_mutators (
        kind         TEXT NOT NULL CHECK (kind IN ('mutation_prompt', 'thinking_style')),
        text         TEXT NOT NULL,
        -- null for the built-in ones; else the skill whose run wrote it.
        origin_skill TEXT,
        origin       TEXT NOT NULL,
        tries        INTEGER NOT NULL DEFAULT 0,
        improvements INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL,
        PRIMARY KEY (kind, text)
      );
      -- What one finished breeding run learned, stated without the skill: the instruction and example
      -- policy of its best variant (when it beat the original) and its operators' outcomes.
      CREATE TABLE evolution_lessons (
        session          TEXT PRIMARY KEY REFERENCES evolution_sessions(id),
        skill            TEXT NOT NULL,
        instruction      TEXT,
        example_policy   TEXT,
        fitness          REAL,
        original_fitness REAL,
        operators        TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
    `,
  },
];

/** Applies every migration newer than the file's `user_version`. Returns the versions applied. */
export function migrate(db: Database.Database): number[] {
  const applied: number[] = [];
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new Error(
      `database schema version ${current} is newer than this tinyArms (${latest}); update tinyArms`,
    );
  }
  for (const migration of migrations) {
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}
