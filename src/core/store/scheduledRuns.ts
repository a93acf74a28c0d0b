import type { Store } from './openStore';
import { nextRunSetting } from './settingsRepository';

/** `settings` key of a job's next due instant, e.g. `scheduler.monitor.next_run_at`. */
export function nextRunKey(job: string): string {
  return nextRunSetting(job).key;
}

/** A claim on one due time of a job: the instant it was due and the one stored for the next run. */
export interface Claim {
  readonly due: Date;
  readonly next: Date;
}

/**
 * Claims the job's due run, if there is one, in one IMMEDIATE transaction: reads the stored next
 * instant and, when it has passed, moves it forward past `now` before anyone runs anything. Two app
 * instances, or a restart, racing for the same due time serialize on the write lock; only the first
 * sees it due. A job never stored before is due at once.
 *
 * Runs missed while the Mac slept collapse into one: the next instant is the first of
 * `due + k·interval` after `now`, so a daily job keeps its time of day. A stored instant more than one
 * interval ahead (the clock was set back) is pulled in to `now + interval` without running.
 *
 * @param intervalMs time between runs, ms
 */
export function claimDueRun(store: Store, job: string, now: Date, intervalMs: number): Claim | null {
  const setting = nextRunSetting(job);
  return store.write(() => {
    const stored = store.settings.get(setting)?.getTime() ?? Number.NaN;
    const nowMs = now.getTime();
    const save = (at: number) => store.settings.set(setting, new Date(at), now);
    if (Number.isFinite(stored) && stored - nowMs > intervalMs) {
      save(nowMs + intervalMs);
      return null;
    }
    if (Number.isFinite(stored) && stored > nowMs) return null;
    const due = Number.isFinite(stored) ? stored : nowMs;
    const periods = Math.floor((nowMs - due) / intervalMs) + 1;
    const next = due + periods * intervalMs;
    save(next);
    return { due: new Date(due), next: new Date(next) };
  });
}

/** The stored next instant of a job, or null if it never ran. */
export function nextRunAt(store: Store, job: string): Date | null {
  return store.settings.get(nextRunSetting(job)) ?? null;
}
