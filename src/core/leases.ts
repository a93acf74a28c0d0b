import { z } from 'zod';
import type { CoreContext } from './coreContext';
import { isProcessAlive } from './processAlive';
import { jsonSetting } from './store/settingsRepository';
import { toSqlTime } from './store/sqlTime';

const leaseSchema = z.object({
  owner: z.string(),
  renewedAt: z.iso.datetime(),
  pid: z.number().int().positive().optional(),
});
const leaseSetting = (key: string) => jsonSetting(key, leaseSchema);

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
    const setting = leaseSetting(terms.key);
    const lease = ctx.store.settings.get(setting);
    if (
      lease &&
      lease.owner !== terms.owner &&
      now.getTime() - Date.parse(lease.renewedAt) < terms.staleMs &&
      (lease.pid === undefined || isProcessAlive(lease.pid))
    ) {
      return { held: false, holder: lease.owner };
    }
    const value = { owner: terms.owner, renewedAt: toSqlTime(now), ...(terms.pid ? { pid: terms.pid } : {}) };
    ctx.store.settings.set(setting, value, now);
    return { held: true };
  });
}

/** Gives a lease up, so another process can take it at once. Only its owner's lease is removed. */
export function releaseLease(ctx: CoreContext, key: string, owner: string): void {
  ctx.store.write(() => {
    const setting = leaseSetting(key);
    if (ctx.store.settings.get(setting)?.owner === owner) ctx.store.settings.remove(setting);
  });
}
