import type { CoreContext } from '../coreContext';
import { claimLease, type LeaseClaim, releaseLease } from '../leases';

export type { LeaseClaim } from '../leases';

/** `settings` key of the lease: which process watches the folders of this data folder. */
const LEASE_KEY = 'intake.lease';
/** A holder that has not renewed for this long is gone (quit or killed). */
export const LEASE_STALE_MS = 60_000;
/** How often a holder renews; well inside {@link LEASE_STALE_MS}. */
export const LEASE_RENEW_MS = 20_000;

/**
 * One watcher per data folder: the app and `tinyarms watch` watching the same folders would each make
 * a suggestion for every new file. Claims (or renews) the lease for `owner` unless another owner
 * renewed it within {@link LEASE_STALE_MS}.
 *
 * @param owner who holds it, as the user should read it: `the tinyArms app (pid 4242)`
 */
export function claimIntakeLease(ctx: CoreContext, owner: string): LeaseClaim {
  return claimLease(ctx, { key: LEASE_KEY, owner, staleMs: LEASE_STALE_MS });
}

/** Gives the lease up (on quit), so another process can watch at once. */
export function releaseIntakeLease(ctx: CoreContext, owner: string): void {
  releaseLease(ctx, LEASE_KEY, owner);
}
