import { describe, expect, it } from 'vitest';
import { createIntakeQueue, type IntakeProgress } from '../../../src/core/watch/intakeQueue';

interface Gate {
  promise: Promise<void>;
  open(): void;
}
function gate(): Gate {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A queue of string jobs whose processing order and progress reports are recorded. */
function recordingQueue(process: (job: string, signal: AbortSignal) => Promise<void> = async () => {}) {
  const started: string[] = [];
  const reports: IntakeProgress[] = [];
  const errors: [string, unknown][] = [];
  const queue = createIntakeQueue<string>({
    key: (job) => job,
    process: async (job, signal) => {
      started.push(job);
      await process(job, signal);
    },
    onProgress: (progress) => reports.push(progress),
    onError: (job, error) => errors.push([job, error]),
  });
  return { queue, started, reports, errors };
}

describe('createIntakeQueue', () => {
  it('runs jobs one at a time, first in first out', async () => {
    let active = 0;
    let mostActive = 0;
    const { queue, started } = recordingQueue(async () => {
      active += 1;
      mostActive = Math.max(mostActive, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
    });
    const jobs = ['c', 'a', 'd', 'b', 'f', 'e'];
    for (const job of jobs) expect(queue.push(job)).toBe(true);
    await queue.idle();
    expect(started).toEqual(jobs);
    expect(mostActive).toBe(1);
  });

  it('refuses a job whose key is queued or running, and accepts it again once it has run', async () => {
    const first = gate();
    const { queue, started } = recordingQueue((job) => (job === 'a' ? first.promise : Promise.resolve()));
    expect(queue.push('a')).toBe(true);
    expect(queue.push('b')).toBe(true);
    expect(queue.push('b')).toBe(false); // queued
    await expect.poll(() => queue.progress().current).toBe('a');
    expect(queue.push('a')).toBe(false); // running
    first.open();
    await queue.idle();
    expect(queue.push('a')).toBe(true);
    await queue.idle();
    expect(started).toEqual(['a', 'b', 'a']);
  });

  it('reports a failing job and goes on with the next ones', async () => {
    const boom = new Error('model crashed');
    const { queue, started, errors, reports } = recordingQueue(async (job) => {
      if (job === 'bad') throw boom;
      if (job === 'sync-bad') throw new TypeError('not even async');
    });
    const wrongKey = createIntakeQueue<string>({
      key: () => {
        throw new Error('no key');
      },
      process: async () => {},
    });
    expect(wrongKey.push('x')).toBe(false); // never throws out of push
    for (const job of ['ok1', 'bad', 'ok2', 'sync-bad', 'ok3']) queue.push(job);
    await queue.idle();
    expect(started).toEqual(['ok1', 'bad', 'ok2', 'sync-bad', 'ok3']);
    expect(errors.map(([job]) => job)).toEqual(['bad', 'sync-bad']);
    expect(errors[0]?.[1]).toBe(boom);
    expect(reports.at(-2)).toEqual({ running: false, done: 5, failed: 2, total: 5, current: null });
  });

  it('reports progress on push, start and finish, and resets once the burst is over', async () => {
    const { queue, reports } = recordingQueue();
    queue.push('a');
    queue.push('b');
    await queue.idle();
    expect(reports).toEqual([
      { running: true, done: 0, failed: 0, total: 1, current: null },
      { running: true, done: 0, failed: 0, total: 2, current: null },
      { running: true, done: 0, failed: 0, total: 2, current: 'a' },
      { running: true, done: 1, failed: 0, total: 2, current: null },
      { running: true, done: 1, failed: 0, total: 2, current: 'b' },
      { running: false, done: 2, failed: 0, total: 2, current: null },
      { running: false, done: 0, failed: 0, total: 0, current: null },
    ]);
    expect(queue.progress()).toEqual({ running: false, done: 0, failed: 0, total: 0, current: null });
    queue.push('c'); // a new burst counts from zero
    expect(queue.progress()).toEqual({ running: true, done: 0, failed: 0, total: 1, current: null });
    await queue.idle();
  });

  it('gives the event loop a turn between two jobs', async () => {
    const seenBeforeJob: boolean[] = [];
    let immediateRan = false;
    const { queue } = recordingQueue(async (job) => {
      seenBeforeJob.push(immediateRan);
      if (job === 'first') setImmediate(() => (immediateRan = true));
    });
    queue.push('first');
    queue.push('second');
    await queue.idle();
    expect(seenBeforeJob).toEqual([false, true]);
  });

  it('close aborts the running job, drops the queued ones and refuses new ones', async () => {
    let abortedWith: unknown = null;
    const { queue, started, errors } = recordingQueue(
      (_job, signal) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            abortedWith = signal.reason;
            reject(signal.reason);
          });
        }),
    );
    queue.push('long');
    queue.push('next');
    await expect.poll(() => queue.progress().current).toBe('long');
    await queue.close();
    expect(abortedWith).toBeInstanceOf(DOMException);
    expect((abortedWith as DOMException).name).toBe('AbortError');
    expect(started).toEqual(['long']);
    expect(errors).toEqual([]); // closing is not a failure
    expect(queue.push('later')).toBe(false);
    expect(queue.progress()).toEqual({ running: false, done: 0, failed: 0, total: 0, current: null });
    await queue.idle();
  });

  it('lets a job push another without running two at once', async () => {
    let active = 0;
    let mostActive = 0;
    const started: string[] = [];
    const queue = createIntakeQueue<string>({
      key: (job) => job,
      process: async (job) => {
        active += 1;
        mostActive = Math.max(mostActive, active);
        started.push(job);
        if (job === 'parent') queue.push('child');
        await Promise.resolve();
        active -= 1;
      },
    });
    queue.push('parent');
    queue.push('sibling');
    await queue.idle();
    expect(started).toEqual(['parent', 'sibling', 'child']);
    expect(mostActive).toBe(1);
  });
});

describe('createIntakeQueue with an order', () => {
  it('takes the waiting jobs in that order, equal ones in arrival order', async () => {
    const processed: string[] = [];
    const queue = createIntakeQueue<{ id: string; rank: number }>({
      key: (job) => job.id,
      order: (a, b) => a.rank - b.rank,
      process: async (job) => {
        processed.push(job.id);
      },
    });
    for (const [id, rank] of [
      ['c', 3],
      ['a', 1],
      ['b', 2],
      ['a2', 1],
      ['d', 0],
    ] as const)
      queue.push({ id, rank });
    await queue.idle();
    expect(processed).toEqual(['d', 'a', 'a2', 'b', 'c']);
  });
});
