import type { CoreContext } from '../core/coreContext';
import { claimDueRun, nextRunAt } from './scheduleStore';

/** A periodic job. `run` gets the context in force (settings may have changed since the last run). */
export interface ScheduledJob {
  /** Stable id, part of the `settings` key; never rename a shipped job. */
  readonly name: string;
  /** Time between runs in ms, read at every check so a settings change applies to the next run. */
  intervalMs(ctx: CoreContext): number;
  run(ctx: CoreContext, due: Date): void | Promise<void>;
}

export interface SchedulerOptions {
  /** The context in force; main replaces it when settings change. */
  core(): CoreContext;
  jobs: readonly ScheduledJob[];
  /** One-shot timer; returns its cancel function. */
  schedule(run: () => void, ms: number): () => void;
  /** A job threw. The due time stays consumed: jobs run at most once per due time. */
  onError?(job: string, error: unknown): void;
  /** A job ran (successfully or not); main pushes a fresh state snapshot. */
  onRan?(job: string): void;
  /** Longest sleep between checks, so clock changes and missed timers are caught. @default 1 hour */
  maxSleepMs?: number;
}

export interface Scheduler {
  /** Checks now and arms the timer; also what app start does. */
  start(): Promise<void>;
  /** Checks every job and runs the due ones; call on `powerMonitor` resume. */
  check(): Promise<void>;
  stop(): void;
}

/**
 * Runs periodic jobs off next-run instants stored in the database, so timing survives restarts and
 * sleep: at start, on wake and on a timer, each job whose instant has passed is claimed (see
 * {@link claimDueRun}) and run. Checks never overlap within one process; across processes the claim
 * is what keeps a due time from firing twice.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const maxSleepMs = options.maxSleepMs ?? 3_600_000;
  let cancelTimer: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const runDue = async () => {
    for (const job of options.jobs) {
      const ctx = options.core();
      let claim: ReturnType<typeof claimDueRun>;
      try {
        claim = claimDueRun(ctx.store, job.name, ctx.clock.now(), job.intervalMs(ctx));
      } catch (error) {
        // E.g. the CLI held the write lock past the busy timeout: the job stays due for the next check.
        options.onError?.(job.name, error);
        continue;
      }
      if (claim === null) continue;
      try {
        await job.run(ctx, claim.due);
      } catch (error) {
        options.onError?.(job.name, error);
      }
      options.onRan?.(job.name);
    }
  };

  const arm = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped) return;
    const ctx = options.core();
    const now = ctx.clock.now().getTime();
    const waits = options.jobs.map((job) => (nextRunAt(ctx.store, job.name)?.getTime() ?? now) - now);
    const wait = Math.min(maxSleepMs, ...waits.map((ms) => Math.max(0, ms)));
    cancelTimer = options.schedule(() => void scheduler.check(), wait);
  };

  const scheduler: Scheduler = {
    async start() {
      stopped = false;
      await scheduler.check();
    },
    async check() {
      if (running !== null) {
        // A wake during a run: check once more afterwards instead of running two passes at once.
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await runDue();
        } while (again);
      })();
      try {
        await running;
      } finally {
        running = null;
        arm();
      }
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
  return scheduler;
}
