import { HOUR_MS } from '../core/clock';
import { applyDueDecisions } from '../core/evolution/abVoting';
import { type MonitorReport, runMonitor } from '../core/evolution/runMonitor';
import type { ScheduledJob } from './scheduler';

/**
 * The app's periodic jobs.
 * - `monitor`: the accuracy monitor (`runMonitor`) every `triggers.check_interval_hours` (24):
 *   closes A/B tests whose time is up, rolls back prompts that do worse, reports due evolutions.
 * - `ab-deadline`: the 7-day stop of A/B tests, hourly, so a test ends within the hour its time is up
 *   rather than at the next daily monitor run.
 * - `expire-suggestions`: unanswered suggestions past `notifications.expire_after_hours`, hourly; they
 *   count neither way.
 *
 * @param onReport receives each monitor report (main starts due evolutions and notifies from it)
 */
export function appJobs(onReport: (report: MonitorReport) => void): ScheduledJob[] {
  return [
    {
      name: 'monitor',
      intervalMs: (ctx) => ctx.config.triggers.check_interval_hours * HOUR_MS,
      run: (ctx) => onReport(runMonitor(ctx)),
    },
    {
      name: 'ab-deadline',
      intervalMs: () => HOUR_MS,
      run: (ctx) => {
        applyDueDecisions(ctx);
      },
    },
    {
      name: 'expire-suggestions',
      intervalMs: () => HOUR_MS,
      run: (ctx) => {
        ctx.store.write(() => ctx.store.suggestions.expireDue(ctx.clock.now()));
      },
    },
  ];
}
