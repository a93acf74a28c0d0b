import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/core/clock';
import type { CoreContext } from '../../src/core/coreContext';
import { createManualSession } from '../../src/core/evolution/abSession';
import { recordVote } from '../../src/core/evolution/abVoting';
import { claimDueRun, nextRunAt } from '../../src/core/store/scheduledRuns';
import { appJobs } from '../../src/main/appJobs';
import { createScheduler, type ScheduledJob } from '../../src/main/scheduler';
import { openTestCore, T0 } from '../support/openTestCore';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

/** A daily job that counts its runs per due time. */
function countingJob(runs: string[], name = 'monitor'): ScheduledJob {
  return { name, intervalMs: () => DAY_MS, run: (_ctx, due) => void runs.push(due.toISOString()) };
}

/** A scheduler whose timer is recorded, never fired on its own. */
function schedulerOver(ctx: () => CoreContext, jobs: ScheduledJob[]) {
  const armed: number[] = [];
  const errors: string[] = [];
  const scheduler = createScheduler({
    core: ctx,
    jobs,
    schedule: (_run, ms) => {
      armed.push(ms);
      return () => {};
    },
    onError: (job, error) => errors.push(`${job}: ${String(error)}`),
  });
  return { scheduler, armed, errors };
}

describe('scheduler', () => {
  it('runs a job at start, not again for the same due time, and again a day later', async () => {
    const core = openTestCore(newDir());
    const runs: string[] = [];
    const { scheduler, armed } = schedulerOver(() => core.ctx, [countingJob(runs)]);
    await scheduler.start();
    expect(runs).toEqual([T0.toISOString()]);
    expect(nextRunAt(core.ctx.store, 'monitor')).toEqual(new Date(T0.getTime() + DAY_MS));
    // The timer sleeps at most an hour, so a changed clock is noticed.
    expect(armed.at(-1)).toBe(HOUR_MS);

    core.clock.advance(23 * HOUR_MS);
    await scheduler.check();
    expect(runs).toHaveLength(1);
    core.clock.advance(HOUR_MS);
    await scheduler.check();
    expect(runs).toEqual([T0.toISOString(), new Date(T0.getTime() + DAY_MS).toISOString()]);
    scheduler.stop();
    core.close();
  });

  it('does not fire again after a restart for a due time already run', async () => {
    const dir = newDir();
    const runs: string[] = [];
    const first = openTestCore(dir);
    await schedulerOver(() => first.ctx, [countingJob(runs)]).scheduler.check();
    first.close();
    const second = openTestCore(dir);
    second.clock.advance(HOUR_MS);
    await schedulerOver(() => second.ctx, [countingJob(runs)]).scheduler.check();
    expect(runs).toHaveLength(1);
    second.close();
  });

  it('fires a due time once when two app instances check at the same moment', async () => {
    const dir = newDir();
    const runs: string[] = [];
    const a = openTestCore(dir);
    const b = openTestCore(dir);
    a.clock.advance(2 * DAY_MS);
    b.clock.advance(2 * DAY_MS);
    await Promise.all([
      schedulerOver(() => a.ctx, [countingJob(runs)]).scheduler.check(),
      schedulerOver(() => b.ctx, [countingJob(runs)]).scheduler.check(),
    ]);
    expect(runs).toHaveLength(1);
    a.close();
    b.close();
  });

  it('collapses runs missed during sleep into one and keeps the time of day', () => {
    const core = openTestCore(newDir());
    const { store } = core.ctx;
    expect(claimDueRun(store, 'monitor', T0, DAY_MS)?.due).toEqual(T0);
    const wake = new Date(T0.getTime() + 3 * DAY_MS + 5 * HOUR_MS);
    const claim = claimDueRun(store, 'monitor', wake, DAY_MS);
    expect(claim?.due).toEqual(new Date(T0.getTime() + DAY_MS));
    expect(claim?.next).toEqual(new Date(T0.getTime() + 4 * DAY_MS));
    expect(claimDueRun(store, 'monitor', wake, DAY_MS)).toBeNull();
    core.close();
  });

  it('pulls in a next run left far ahead by a clock that was set back, without running', () => {
    const core = openTestCore(newDir());
    const { store } = core.ctx;
    claimDueRun(store, 'monitor', new Date(T0.getTime() + 30 * DAY_MS), DAY_MS);
    expect(claimDueRun(store, 'monitor', T0, DAY_MS)).toBeNull();
    expect(nextRunAt(store, 'monitor')).toEqual(new Date(T0.getTime() + DAY_MS));
    core.close();
  });

  it('keeps a failed run consumed and reports it; the next due time runs normally', async () => {
    const core = openTestCore(newDir());
    let calls = 0;
    const failing: ScheduledJob = {
      name: 'monitor',
      intervalMs: () => DAY_MS,
      run: () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    };
    const { scheduler, errors } = schedulerOver(() => core.ctx, [failing]);
    await scheduler.check();
    await scheduler.check();
    expect(calls).toBe(1);
    expect(errors).toEqual(['monitor: Error: boom']);
    core.clock.advance(DAY_MS);
    await scheduler.check();
    expect(calls).toBe(2);
    core.close();
  });

  it('stops an A/B test after 7 days through the app jobs, within the hour', async () => {
    const core = openTestCore(newDir());
    const { session } = createManualSession(core.ctx, 'file-naming', ['Name it: {{input}}']);
    recordVote(core.ctx, { session: session.id, shown: ['original', 'A'], chosen: 'A' });
    const reports: unknown[] = [];
    const { scheduler } = schedulerOver(
      () => core.ctx,
      appJobs((report) => reports.push(report)),
    );
    await scheduler.start();
    expect(reports).toHaveLength(1);
    expect(core.ctx.store.sessions.getSession(session.id)?.status).toBe('testing');

    core.clock.advance(7 * DAY_MS + 30 * 60_000);
    await scheduler.check();
    // Fewer than 15 votes in 7 days: the original stays, and the session is closed.
    const closed = core.ctx.store.sessions.getSession(session.id);
    expect(closed?.status).toBe('completed');
    expect(closed?.winner === null || closed?.winner === 'original').toBe(true);
    expect(core.ctx.store.prompts.activeVersion('file-naming').version).toBe(1);
    core.close();
  });

  it('reads the monitor interval from the settings in force', async () => {
    const core = openTestCore(newDir());
    const ctx: CoreContext = {
      ...core.ctx,
      config: { ...core.ctx.config, triggers: { ...core.ctx.config.triggers, check_interval_hours: 6 } },
    };
    const { scheduler } = schedulerOver(
      () => ctx,
      appJobs(() => {}),
    );
    await scheduler.check();
    expect(nextRunAt(ctx.store, 'monitor')).toEqual(new Date(T0.getTime() + 6 * HOUR_MS));
    core.close();
  });

  it('lets exactly one of several processes claim a due time', async () => {
    const dir = newDir();
    openTestCore(dir).close();
    const claimer = join(import.meta.dirname, 'fixtures', 'claimDueRun.ts');
    const outputs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve, reject) => {
            execFile(
              process.execPath,
              ['--import', 'tsx', claimer, dir, T0.toISOString()],
              { encoding: 'utf8' },
              (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
            );
          }),
      ),
    );
    expect(outputs.filter((line) => line === 'claimed')).toHaveLength(1);
    expect(outputs.filter((line) => line === 'not due')).toHaveLength(3);
  });
});
