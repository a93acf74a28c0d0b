import { z } from 'zod';
import type { CoreContext } from '../coreContext';
import { toSqlTime } from '../store/sqlTime';

/** `settings` key of the lease: which process watches the folders of this data folder. */
const LEASE_KEY = 'intake.lease';
/** A holder that has not renewed for this long is gone (quit or killed). */
export const LEASE_STALE_MS = 60_000;
/** How often a holder renews; well inside {@link LEASE_STALE_MS}. */
export const LEASE_RENEW_MS = 20_000;

const leaseSchema = z.object({ owner: z.string(), renewedAt: z.iso.datetime() });

export type LeaseClaim = { held: true } | { held: false; holder: string };

/**
 * One watcher per data folder: the app and `tinyarms watch` watching the same folders would each make
 * a suggestion for every new file. Claims (or renews) the lease for `owner` in one IMMEDIATE
 * transaction unless another owner renewed it within {@link LEASE_STALE_MS}.
 *
 * @param owner who holds it, as the user should read it: `the tinyArms app (pid 4242)`
 */
export function claimIntakeLease(ctx: CoreContext, owner: string): LeaseClaim {
  const now = ctx.clock.now();
  return ctx.store.write(() => {
    const row = ctx.store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LEASE_KEY);
    const lease = typeof row === 'string' ? leaseSchema.safeParse(safeJson(row)) : null;
    if (
      lease?.success &&
      lease.data.owner !== owner &&
      now.getTime() - Date.parse(lease.data.renewedAt) < LEASE_STALE_MS
    ) {
      return { held: false, holder: lease.data.owner };
    }
    ctx.store.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(LEASE_KEY, JSON.stringify({ owner, renewedAt: toSqlTime(now) }), toSqlTime(now));
    return { held: true };
  });
}

/** Gives the lease up (on quit), so another process can watch at once. */
export function releaseIntakeLease(ctx: CoreContext, owner: string): void {
  ctx.store.write(() => {
    ctx.store.db
      .prepare("DELETE FROM settings WHERE key = ? AND json_extract(value, '$.owner') = ?")
      .run(LEASE_KEY, owner);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
