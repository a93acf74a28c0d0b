// The scheduler's due-run claims live in the store (src/main holds no SQL); kept by this path for
// scheduler.ts until it imports src/core/store/scheduledRuns itself.
export { type Claim, claimDueRun, nextRunAt, nextRunKey } from '../core/store/scheduledRuns';
