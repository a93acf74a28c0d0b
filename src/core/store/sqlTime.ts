import { z } from 'zod';

/** Instants are stored as ISO-8601 UTC text: sortable as text, readable in any SQLite shell. */
export function toSqlTime(date: Date): string {
  return date.toISOString();
}

export const sqlTime = z.iso.datetime().transform((text) => new Date(text));
export const nullableSqlTime = sqlTime.nullable();

/** JSON stored as TEXT; parsed here so a hand-edited row fails loudly at the boundary. */
export const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'column holds invalid JSON' });
    return z.NEVER;
  }
});
