import type { ScreenCandidates } from '../core/breeder/promptBreeder';
import { type CoreContext, UserInputError } from '../core/coreContext';
import { type EvolveOptions, evolveSkill } from '../core/evolution/evolveSkill';
import { type MachineGate, machineGate, timerSleep } from '../core/evolution/machineGate';
import type { MonitorReport } from '../core/evolution/runMonitor';
import { startDueEvolutions } from '../core/evolution/startDueEvolutions';
import type { LanguageModel } from '../core/llm/languageModel';
import { type MachineState, unknownMachineState } from '../core/machine/machineState';
import type { EventPayloadOf } from '../shared/ipc/channels';

export type EvolutionProgressView = EventPayloadOf<'evolutionProgress'>;

export interface DueEvolutionsOptions {
  core(): CoreContext;
  /** The shared model, opened only when an evolution is due. */
  model(): LanguageModel;
  /** A run finished (or failed): main pushes a fresh snapshot. */
  onSettled?(): void;
  onError?(message: string): void;
  /** Each step of a breeding run, for the popover's `evolutionProgress` event. */
  onProgress?(progress: EvolutionProgressView): void;
  /** The judge's screen for a skill, by hand or due (`undefined`: judge off). */
  screen?(ctx: CoreContext, skill: string, model: LanguageModel): Promise<ScreenCandidates | undefined>;
  /** Power and idle state (Electron's `powerMonitor`); due runs wait for an idle Mac on mains.
   * @default unknownMachineState (nothing waits) */
  machine?: MachineState;
  /** Between two looks at a waiting machine. @default 30 s on a timer */
  sleep?: MachineGate['sleep'];
}

/**
 * Evolution in the app, one breeding run at a time on the shared model, in the background: after each
 * monitor report for the skills it says are due (and runs a restart interrupted), and by hand from the
 * popover (`startNow`). Due runs respect the machine (see `machineGate`): they wait for an idle Mac on
 * mains power, pause at a generation boundary when that ends, and say why in their progress.
 */
export function createDueEvolutions(options: DueEvolutionsOptions) {
  let evolving: Promise<unknown> | null = null;
  let controller: AbortController | null = null;
  /** What the run in progress waits for, if it waits: startNow's refusal says so. */
  let waitingFor: { skill: string; reason: string } | null = null;

  const progress: EvolveOptions['onProgress'] = (p) => {
    waitingFor = null;
    const skill = options.core().store.sessions.getSession(p.session)?.skill;
    if (skill === undefined) return;
    options.onProgress?.({
      skill,
      session: p.session,
      phase: 'breeding',
      done: p.calls,
      total: p.maxCalls,
      fraction: Math.min(1, Math.max(0, p.fraction)),
      // A run's first steps (the initial population) say little about the rest.
      etaSeconds:
        p.fraction >= 0.05 ? Math.round(((p.elapsedMs / p.fraction) * (1 - p.fraction)) / 1000) : null,
      message: `${p.phase === 'tournament' ? `generation ${p.generation} of ${p.generations}` : p.phase} · ${p.calls} calls`,
      waitingFor: null,
    });
  };

  const gate = machineGate({
    machine: options.machine ?? unknownMachineState,
    settings: () => options.core().config.evolution,
    sleep: options.sleep ?? timerSleep(),
  });

  /** A waiting run's row keeps its stored progress; the line says why nothing moves. */
  const waiting: EvolveOptions['onWaiting'] = ({ session: id, reason }) => {
    const session = options.core().store.sessions.getSession(id);
    if (!session) return;
    waitingFor = { skill: session.skill, reason };
    options.onProgress?.({
      skill: session.skill,
      session: id,
      phase: 'breeding',
      done: session.callsUsed,
      total: Math.max(session.callsUsed, session.budgetCalls ?? 0),
      fraction: Math.min(1, Math.max(0, session.progress)),
      etaSeconds: null,
      message: `waiting: ${reason}`,
      waitingFor: reason,
    });
  };

  const track = (run: (signal: AbortSignal) => Promise<unknown>) => {
    const current = new AbortController();
    controller = current;
    evolving = run(current.signal)
      .catch((error: unknown) =>
        options.onError?.(`evolution failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        evolving = null;
        waitingFor = null;
        if (controller === current) controller = null;
        options.onSettled?.();
      });
  };

  const api = {
    /** Give it every monitor report (the scheduler's `monitor` job). */
    onReport(report: MonitorReport): void {
      const ctx = options.core();
      const due = report.triggers.some((t) => t.trigger) || ctx.store.sessions.interruptedRuns().length > 0;
      if (evolving || !due) return;
      const model = options.model();
      track((signal) =>
        startDueEvolutions(ctx, model, {
          report,
          onProgress: progress,
          gate,
          onWaiting: waiting,
          signal,
          screen: (skill) => options.screen?.(ctx, skill, model) ?? Promise.resolve(undefined),
        }).then((outcomes) => {
          for (const outcome of outcomes) {
            if (outcome.error) options.onError?.(`evolving ${outcome.skill} failed: ${outcome.error}`);
          }
        }),
      );
    },

    /**
     * Starts breeding variants for one skill now, in the background; answers its session once stored.
     * @throws UserInputError while another run is breeding (one model, one run).
     */
    startNow(skill: string): Promise<{ session: string }> {
      if (evolving) {
        return Promise.reject(
          new UserInputError(
            waitingFor
              ? `${waitingFor.skill}'s evolution is waiting (${waitingFor.reason}); stop it first to evolve this one now`
              : 'a prompt is evolving already; this one can start when it ends',
          ),
        );
      }
      const ctx = options.core();
      const model = options.model();
      return new Promise((resolve, reject) => {
        let started = false;
        track((signal) =>
          (async () => {
            const screen = await options.screen?.(ctx, skill, model);
            const result = await evolveSkill(ctx, model, skill, {
              trigger: 'manual',
              screen,
              signal,
              onProgress: (p) => {
                if (!started) resolve({ session: p.session });
                started = true;
                progress(p);
              },
            });
            if (!started) resolve({ session: result.session.id });
            started = true;
          })().catch((error: unknown) => {
            if (!started) reject(error);
            throw error;
          }),
        );
      });
    },

    /** Stops the run in progress (its session ends `cancelled`); `false` when none runs. */
    cancel(): boolean {
      if (!controller || controller.signal.aborted) return false;
      controller.abort(new Error('cancelled from the popover'));
      return true;
    },

    /**
     * Goes on with runs a quit or crash left `breeding` (at app start), not waiting for the next
     * monitor report; like any due run they wait for the machine first.
     */
    resumeInterrupted(): void {
      api.onReport({ decisions: [], rollbacks: [], triggers: [] });
    },

    /** The run in progress, if any (tests await it; quitting does not). */
    running: (): Promise<unknown> | null => evolving,
  };
  return api;
}
