import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Where the intake stands. `total` counts the jobs pushed in the current burst and `done` those
 * finished (failed ones included, so the burst is over when `done === total`); both return to 0 once
 * the queue runs dry. `current` is the key of the running job.
 */
export interface IntakeProgress {
  readonly running: boolean;
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  readonly current: string | null;
}

export interface IntakeQueueOptions<Job> {
  /** Does the work; should stop early when `signal` aborts (the queue is closing). */
  process(job: Job, signal: AbortSignal): Promise<void>;
  /** Identity of a job: a job whose key is already queued or running is not queued again. */
  key(job: Job): string;
  /** Called on every change: a push, a job starting, a job finishing, the reset after a burst. */
  onProgress?(progress: IntakeProgress): void;
  /** A job that threw (or whose key could not be computed); the queue goes on with the next one. */
  onError?(job: Job, error: unknown): void;
  /**
   * Which of two waiting jobs goes first (negative: `a`). Jobs that compare equal keep their arrival
   * order. @default arrival order
   */
  order?(a: Job, b: Job): number;
}

export interface IntakeQueue<Job> {
  /** Queues a job; `false` when a job with the same key is queued or running, or the queue is closed. */
  push(job: Job): boolean;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  progress(): IntakeProgress;
  /** Drops the queued jobs, aborts the running one and resolves once it has returned. */
  close(): Promise<void>;
}

/**
 * A first-in-first-out queue (or in `order`, among the jobs waiting) that runs one job at a time (there is one model), for the
 * files the watchers report. The event loop gets a turn between two jobs, so a burst of a hundred
 * files never starves the app's other work, and a failing job never stops the ones behind it.
 */
export function createIntakeQueue<Job>(options: IntakeQueueOptions<Job>): IntakeQueue<Job> {
  const waiting: { job: Job; key: string }[] = [];
  const keys = new Set<string>();
  let running: { key: string; controller: AbortController } | null = null;
  let draining: Promise<void> | null = null;
  let closed = false;
  let done = 0;
  let failed = 0;
  let total = 0;

  const progress = (): IntakeProgress => ({
    running: running !== null || waiting.length > 0,
    done,
    failed,
    total,
    current: running?.key ?? null,
  });

  const tell = (): void => {
    try {
      options.onProgress?.(progress());
    } catch {
      // A broken progress display must not stop the intake.
    }
  };

  const fail = (job: Job, error: unknown): void => {
    try {
      options.onError?.(job, error);
    } catch {
      // Same: reporting a failure must not become one.
    }
  };

  const endBurst = (): void => {
    done = 0;
    failed = 0;
    total = 0;
    tell();
  };

  const drain = async (): Promise<void> => {
    // The turn comes first: it lets push() return before any job starts (a job that pushes another
    // finds `draining` set) and gives the event loop a turn between two jobs.
    for (await nextTurn(); !closed; await nextTurn()) {
      const next = waiting.shift();
      if (next === undefined) break;
      const controller = new AbortController();
      running = { key: next.key, controller };
      tell();
      let failure: { error: unknown } | null = null;
      try {
        await options.process(next.job, controller.signal);
      } catch (error) {
        failure = { error };
      }
      running = null;
      keys.delete(next.key);
      // A job cut short by close() is neither done nor failed: the user closed the intake.
      if (closed) break;
      done += 1;
      if (failure !== null) {
        failed += 1;
        fail(next.job, failure.error);
      }
      tell();
      if (waiting.length === 0) endBurst();
    }
    draining = null;
  };

  return {
    push(job) {
      if (closed) return false;
      let key: string;
      try {
        key = options.key(job);
      } catch (error) {
        fail(job, error);
        return false;
      }
      if (keys.has(key)) return false;
      keys.add(key);
      const order = options.order;
      const before = order ? waiting.findIndex((other) => order(job, other.job) < 0) : -1;
      waiting.splice(before === -1 ? waiting.length : before, 0, { job, key });
      total += 1;
      tell();
      draining ??= drain();
      return true;
    },
    idle: () => draining ?? Promise.resolve(),
    progress,
    async close() {
      if (closed) {
        await draining;
        return;
      }
      closed = true;
      for (const dropped of waiting.splice(0)) keys.delete(dropped.key);
      running?.controller.abort(new DOMException('The intake queue was closed.', 'AbortError'));
      await draining;
      endBurst();
    },
  };
}
