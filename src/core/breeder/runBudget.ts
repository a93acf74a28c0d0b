/** The run hit its call or time budget; what was bred so far is still used. */
export class BudgetExhaustedError extends Error {
  override readonly name = 'BudgetExhaustedError';
}

/**
 * Model-call and wall-time accounting of one breeder run. `spend()` is called before every model
 * call, so a run never goes over its call budget; the time budget is checked at the same moment.
 */
export interface RunBudget {
  readonly maxCalls: number;
  readonly maxMs: number;
  calls: number;
  cacheHits: number;
  /** Wall time of this run, including earlier attempts before a restart. */
  elapsedMs(): number;
  remainingCalls(): number;
  /** @throws BudgetExhaustedError when the call or time budget is used up; AbortError when cancelled. */
  spend(): void;
}

/**
 * @param priorMs - wall time already spent by earlier attempts of a resumed run. @default 0
 * @param now - monotonic milliseconds. @default performance.now
 */
export function createRunBudget(options: {
  maxCalls: number;
  maxMs: number;
  calls?: number;
  cacheHits?: number;
  priorMs?: number;
  signal?: AbortSignal | undefined;
  now?: () => number;
}): RunBudget {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const prior = options.priorMs ?? 0;
  const budget: RunBudget = {
    maxCalls: options.maxCalls,
    maxMs: options.maxMs,
    calls: options.calls ?? 0,
    cacheHits: options.cacheHits ?? 0,
    elapsedMs: () => prior + (now() - started),
    remainingCalls: () => Math.max(0, budget.maxCalls - budget.calls),
    spend() {
      options.signal?.throwIfAborted();
      if (budget.calls >= budget.maxCalls)
        throw new BudgetExhaustedError(`call budget of ${budget.maxCalls} used up`);
      if (budget.elapsedMs() >= budget.maxMs) {
        throw new BudgetExhaustedError(`time budget of ${Math.round(budget.maxMs / 60_000)} min used up`);
      }
      budget.calls++;
    },
  };
  return budget;
}
