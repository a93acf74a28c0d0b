import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type ExamplePolicy, parseExamplePolicy } from '../examples/examplePolicy';
import { camelizeRow } from './camelizeRow';
import { type PromptSource, promptSources } from './columnValues';
import { jsonText, nullableSqlTime, sqlTime, toSqlTime } from './sqlTime';

const skillRow = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    enabled: z.number().transform((value) => value === 1),
    active_version: z.number().int(),
  })
  .transform(camelizeRow);
export type StoredSkill = z.output<typeof skillRow>;

const versionRow = z
  .object({
    skill: z.string(),
    version: z.number().int(),
    template: z.string(),
    source: z.enum(promptSources),
    parent_version: z.number().int().nullable(),
    session: z.string().nullable(),
    created_at: sqlTime,
    active_from: nullableSqlTime,
    active_to: nullableSqlTime,
    accuracy_start: z.number().nullable(),
    accuracy_end: z.number().nullable(),
    notes: z.string().nullable(),
    example_policy: jsonText.transform(parseExamplePolicy),
  })
  .transform(camelizeRow);
export type PromptVersion = z.output<typeof versionRow>;

const toSkill = (row: unknown): StoredSkill => skillRow.parse(row);

const toVersion = (row: unknown): PromptVersion => versionRow.parse(row);

export interface NewPromptVersion {
  skill: string;
  template: string;
  examplePolicy: ExamplePolicy;
  source: Exclude<PromptSource, 'initial'>;
  parentVersion: number;
  session: string | null;
  notes: string | null;
  /** Accuracy of the skill just before the switch (the outgoing version's). */
  accuracyBefore: number | null;
}

/** Skills and their prompt versions: one aggregate, since a skill's active version lives in both. */
export function promptRepository(db: Database.Database) {
  return {
    /** Registers a built-in skill with its v1 prompt; a no-op when it is already there. */
    ensureSkill(
      skill: {
        id: string;
        name: string;
        description: string;
        template: string;
        examplePolicy: ExamplePolicy;
      },
      now: Date,
    ): void {
      db.transaction(() => {
        const inserted = db
          .prepare(
            'INSERT OR IGNORE INTO skills (id, name, description, enabled, active_version) VALUES (?, ?, ?, 1, 1)',
          )
          .run(skill.id, skill.name, skill.description);
        if (inserted.changes === 0) return;
        // A database recovered from damage can hold a skill's versions without the skill's row: keep
        // them, with the one that was active, instead of failing on a second v1.
        const active = db
          .prepare(
            'SELECT max(version) FROM prompt_versions WHERE skill = ? AND active_from IS NOT NULL AND active_to IS NULL',
          )
          .pluck()
          .get(skill.id);
        if (typeof active === 'number') {
          db.prepare('UPDATE skills SET active_version = ? WHERE id = ?').run(active, skill.id);
          return;
        }
        db.prepare(
          `INSERT OR IGNORE INTO prompt_versions (skill, version, template, example_policy, source, created_at, active_from)
           VALUES (?, 1, ?, ?, 'initial', ?, ?)`,
        ).run(skill.id, skill.template, JSON.stringify(skill.examplePolicy), toSqlTime(now), toSqlTime(now));
      }).immediate();
    },

    getSkill(id: string): StoredSkill | null {
      const row = db.prepare('SELECT * FROM skills WHERE id = ?').get(id);
      return row ? toSkill(row) : null;
    },

    listSkills(): StoredSkill[] {
      return db.prepare('SELECT * FROM skills ORDER BY id').all().map(toSkill);
    },

    getVersion(skill: string, version: number): PromptVersion | null {
      const row = db
        .prepare('SELECT * FROM prompt_versions WHERE skill = ? AND version = ?')
        .get(skill, version);
      return row ? toVersion(row) : null;
    },

    activeVersion(skill: string): PromptVersion {
      const row = db
        .prepare(
          `SELECT v.* FROM prompt_versions v JOIN skills s ON s.id = v.skill AND s.active_version = v.version
           WHERE v.skill = ?`,
        )
        .get(skill);
      if (!row) throw new Error(`skill ${skill} has no active prompt version`);
      return toVersion(row);
    },

    listVersions(skill: string): PromptVersion[] {
      return db
        .prepare('SELECT * FROM prompt_versions WHERE skill = ? ORDER BY version')
        .all(skill)
        .map(toVersion);
    },

    /**
     * Appends a version and makes it active, closing the outgoing one. History is append-only:
     * a rollback is a new version whose template is an older one's. Call inside a write transaction.
     */
    activateNewVersion(next: NewPromptVersion, now: Date): PromptVersion {
      const current = this.activeVersion(next.skill);
      const at = toSqlTime(now);
      db.prepare(
        'UPDATE prompt_versions SET active_to = ?, accuracy_end = ? WHERE skill = ? AND version = ?',
      ).run(at, next.accuracyBefore, next.skill, current.version);
      const { version } = z
        .object({ version: z.number().int() })
        .parse(
          db
            .prepare('SELECT MAX(version) + 1 AS version FROM prompt_versions WHERE skill = ?')
            .get(next.skill),
        );
      db.prepare(
        `INSERT INTO prompt_versions
           (skill, version, template, example_policy, source, parent_version, session, created_at, active_from, accuracy_start, notes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        next.skill,
        version,
        next.template,
        JSON.stringify(next.examplePolicy),
        next.source,
        next.parentVersion,
        next.session,
        at,
        at,
        next.accuracyBefore,
        next.notes,
      );
      db.prepare('UPDATE skills SET active_version = ? WHERE id = ?').run(version, next.skill);
      return this.activeVersion(next.skill);
    },
  };
}

export type PromptRepository = ReturnType<typeof promptRepository>;
