import type { ScreenCandidates } from '../breeder/promptBreeder';
import type { CoreContext } from '../coreContext';
import type { LanguageModel } from '../llm/languageModel';
import { EvolutionPausedError, type EvolveOptions, type EvolveResult, evolveSkill } from './evolveSkill';
import type { MachineWait } from './machineGate';
import { type MonitorReport, runMonitor } from './runMonitor';

export interface DueEvolution {
  skill: string;
  /** `resumed`: a run a restart had interrupted; `started`: the monitor's trigger fired. */
  reason: 'started' | 'resumed';
  result: EvolveResult | null;
  /** One line when this skill's evolution failed; the others still run. */
  error: string | null;
  /** Why it did not start or stopped, paused, when the gate does not wait (`--no-wait`). */
  waiting: MachineWait | null;
}

/**
 * Monitor → evolution: starts the breeder for every skill the monitor says is due (its trigger
 * already respects the threshold, sample size, cooldown, pause and evolve-only-on-request rules),
 * and first resumes any run left `breeding` by a kill or restart. One skill at a time: they share
 * the one model.
 *
 * @param options.report - a monitor pass just made (`tinyarms monitor`); without it one is run here.
 * @param options.screen - the judge's screen for a skill (`judgeScreen`), opened per skill just before
 *   its run; `undefined` from it (judge off) breeds without one, as `prompt evolve` does.
 * @param options.gate - the machine's gate (see `evolveSkill`): each run waits for an idle Mac on
 *   mains power and pauses when that ends; a gate without `sleep` leaves a run that must wait for
 *   the next call (a new one is then not even opened). Without a gate nothing waits.
 */
export async function startDueEvolutions(
  ctx: CoreContext,
  model: LanguageModel,
  options: Pick<EvolveOptions, 'signal' | 'onProgress' | 'gate' | 'onWaiting'> & {
    report?: MonitorReport;
    screen?: (skill: string) => Promise<ScreenCandidates | undefined>;
  } = {},
): Promise<DueEvolution[]> {
  const report = options.report ?? runMonitor(ctx);
  const interrupted = ctx.store.sessions.interruptedRuns().map((s) => s.skill);
  const due = report.triggers.filter((t) => t.trigger && !interrupted.includes(t.skill)).map((t) => t.skill);
  const jobs: { skill: string; reason: DueEvolution['reason'] }[] = [
    ...interrupted.map((skill) => ({ skill, reason: 'resumed' as const })),
    ...due.map((skill) => ({ skill, reason: 'started' as const })),
  ];
  const outcomes: DueEvolution[] = [];
  for (const job of jobs) {
    options.signal?.throwIfAborted();
    const waitNow = options.gate && !options.gate.sleep ? options.gate.waitReason(false) : null;
    if (waitNow !== null) {
      outcomes.push({ ...job, result: null, error: null, waiting: waitNow });
      continue;
    }
    try {
      const result = await evolveSkill(ctx, model, job.skill, {
        trigger: 'accuracy_drop',
        signal: options.signal,
        onProgress: options.onProgress,
        screen: await options.screen?.(job.skill),
        gate: options.gate,
        onWaiting: options.onWaiting,
      });
      outcomes.push({ ...job, result, error: null, waiting: null });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (error instanceof EvolutionPausedError) {
        outcomes.push({ ...job, result: null, error: null, waiting: error.reason });
        continue;
      }
      outcomes.push({
        ...job,
        result: null,
        error: error instanceof Error ? error.message : String(error),
        waiting: null,
      });
    }
  }
  return outcomes;
}
