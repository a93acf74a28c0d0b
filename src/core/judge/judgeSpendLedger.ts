import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock';
import { toSqlTime } from '../store/sqlTime';

/** Calendar month of an instant, `YYYY-MM` in UTC (the `judge_spend.month` column). */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

const total = z.object({ usd: z.number().nullable() });

/**
 * Cloud-judge spend in the `judge_spend` table: one row per paid call, summed per evolution session
 * and per calendar month to hold the budgets.
 */
export function judgeSpendLedger(db: Database.Database, clock: Clock) {
  const insert = db.prepare('INSERT INTO judge_spend (session, month, usd, created_at) VALUES (?, ?, ?, ?)');
  const bySession = db.prepare('SELECT SUM(usd) AS usd FROM judge_spend WHERE session = ?');
  const byMonth = db.prepare('SELECT SUM(usd) AS usd FROM judge_spend WHERE month = ?');
  return {
    /** Records one call's cost; `session` is null for spending outside an evolution. */
    record(entry: { session: string | null; usd: number }): void {
      const now = clock.now();
      db.transaction(() => insert.run(entry.session, monthOf(now), entry.usd, toSqlTime(now))).immediate();
    },
    /** USD spent by one evolution session. */
    spentInSession(session: string): number {
      return total.parse(bySession.get(session)).usd ?? 0;
    },
    /** USD spent in a month. @default the clock's current month */
    spentInMonth(month: string = monthOf(clock.now())): number {
      return total.parse(byMonth.get(month)).usd ?? 0;
    },
  };
}

export type JudgeSpendLedger = ReturnType<typeof judgeSpendLedger>;
