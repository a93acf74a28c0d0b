import type { CoreContext } from '../core/coreContext';
import type { MonitorReport } from '../core/evolution/runMonitor';
import { startDueEvolutions } from '../core/evolution/startDueEvolutions';
import type { LanguageModel } from '../core/llm/languageModel';

export interface DueEvolutionsOptions {
  core(): CoreContext;
  /** The shared model, opened only when an evolution is due. */
  model(): LanguageModel;
  /** A run finished (or failed): main pushes a fresh snapshot. */
  onSettled?(): void;
  onError?(message: string): void;
}

/**
 * Monitor → evolution in the app: after each monitor report, breeds for the skills it says are due
 * (and resumes runs a restart interrupted), one run at a time on the shared model, in the background.
 */
export function createDueEvolutions(options: DueEvolutionsOptions) {
  let evolving: Promise<unknown> | null = null;
  return {
    /** Give it every monitor report (the scheduler's `monitor` job). */
    onReport(report: MonitorReport): void {
      const ctx = options.core();
      const due =
        report.triggers.some((t) => t.trigger) || ctx.store.sessions.sessionsInStatus('breeding').length > 0;
      if (evolving || !due) return;
      evolving = startDueEvolutions(ctx, options.model(), { report })
        .then((outcomes) => {
          for (const outcome of outcomes) {
            if (outcome.error) options.onError?.(`evolving ${outcome.skill} failed: ${outcome.error}`);
          }
        })
        .catch((error: unknown) =>
          options.onError?.(`evolution failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          evolving = null;
          options.onSettled?.();
        });
    },
    /** The run in progress, if any (tests await it; quitting does not). */
    running: (): Promise<unknown> | null => evolving,
  };
}
