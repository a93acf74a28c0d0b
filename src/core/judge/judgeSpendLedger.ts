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
  const update = db.prepare('UPDATE judge_spend SET usd = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM judge_spend WHERE id = ?');
  return {
    /**
     * Checks the budgets and books a call's worst case in one IMMEDIATE transaction, so two
     * processes (the app and the CLI) cannot both pass the check with room for one call: the second
     * sees the first's booking. `check` gets what is spent (bookings included) and throws to refuse.
     * Settle the booking with the call's real cost, or release it when nothing was billed; a booking
     * a crash left stays at its worst case.
     *
     * @returns the booking's id.
     */
    reserve(
      entry: { session: string | null; usd: number },
      check: (spent: { session: number; month: number }) => void,
    ): number {
      const now = clock.now();
      return db
        .transaction(() => {
          check({
            session: entry.session === null ? 0 : (total.parse(bySession.get(entry.session)).usd ?? 0),
            month: total.parse(byMonth.get(monthOf(now))).usd ?? 0,
          });
          return Number(insert.run(entry.session, monthOf(now), entry.usd, toSqlTime(now)).lastInsertRowid);
        })
        .immediate();
    },
    /** Replaces a booking's worst case with what the call cost. */
    settle(id: number, usd: number): void {
      db.transaction(() => update.run(usd, id)).immediate();
    },
    /** Drops a booking for a call that was never billed (refused by the server, network down). */
    release(id: number): void {
      db.transaction(() => remove.run(id)).immediate();
    },
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
