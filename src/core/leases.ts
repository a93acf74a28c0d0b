import { z } from 'zod';
import type { CoreContext } from './coreContext';
import { isProcessAlive } from './processAlive';
import { toSqlTime } from './store/sqlTime';

const leaseSchema = z.object({
  owner: z.string(),
  renewedAt: z.iso.datetime(),
  pid: z.number().int().positive().optional(),
});

export type LeaseClaim = { held: true } | { held: false; holder: string };

export interface LeaseTerms {
  /** `settings` key of the lease. */
  key: string;
  /** Who holds it, as the user should read it: `the tinyArms app (pid 4242)`. */
  owner: string;
  /** A holder that has not renewed for this long is gone (quit or killed). */
  staleMs: number;
  /** The holder's process on this machine: once it is dead, the lease is free at once. */
  pid?: number;
}

/**
 * Claims (or renews) a lease kept in `settings`, in one IMMEDIATE transaction, unless another owner
 * renewed it within `staleMs` and (when it gave its pid) its process is still alive. So two
 * processes never both do what the lease guards, and a crashed holder does not block the next one.
 */
export function claimLease(ctx: CoreContext, terms: LeaseTerms): LeaseClaim {
  const now = ctx.clock.now();
  return ctx.store.write(() => {
    const row = ctx.store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(terms.key);
    const lease = typeof row === 'string' ? leaseSchema.safeParse(safeJson(row)) : null;
    if (
      lease?.success &&
      lease.data.owner !== terms.owner &&
      now.getTime() - Date.parse(lease.data.renewedAt) < terms.staleMs &&
      (lease.data.pid === undefined || isProcessAlive(lease.data.pid))
    ) {
      return { held: false, holder: lease.data.owner };
    }
    const value = { owner: terms.owner, renewedAt: toSqlTime(now), ...(terms.pid ? { pid: terms.pid } : {}) };
    ctx.store.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(terms.key, JSON.stringify(value), toSqlTime(now));
    return { held: true };
  });
}

/** Gives a lease up, so another process can take it at once. Only its owner's lease is removed. */
export function releaseLease(ctx: CoreContext, key: string, owner: string): void {
  ctx.store.write(() => {
    ctx.store.db
      .prepare("DELETE FROM settings WHERE key = ? AND json_extract(value, '$.owner') = ?")
      .run(key, owner);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
