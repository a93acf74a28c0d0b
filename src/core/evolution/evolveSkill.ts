import { type BreederSettings, breederSettingsFrom, breederSettingsSchema } from '../breeder/breederSettings';
import {
  type BreedingExample,
  chooseEvaluationSet,
  chooseFinalSet,
  loadBreedingExamples,
} from '../breeder/breedingExamples';
import {
  type BredVariant,
  BreederPausedError,
  type BreederProgress,
  type BreedResult,
  breed,
  type ScreenCandidates,
} from '../breeder/promptBreeder';
import { type CoreContext, UserInputError } from '../coreContext';
import { selectExamples } from '../examples/selectExamples';
import { claimLease, releaseLease } from '../leases';
import type { LanguageModel } from '../llm/languageModel';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import { formatStoredInput, getSkill } from '../skills/skillRegistry';
import { type BreederRunState, breederRepository } from '../store/breederRepository';
import type { SessionTrigger } from '../store/columnValues';
import type { EvolutionSession, Variant } from '../store/sessionRepository';
import { ARM_LETTERS } from './abSession';
import { recordLesson, recordMutatorUse, runKnowledge } from './crossSkillKnowledge';
import { type MachineGate, type MachineWait, waitForMachine } from './machineGate';
import { openBreedingSession } from './openBreedingSession';

/** The user (or the app) cancelled the run; the session is closed as `cancelled`. */
export class EvolutionCancelledError extends Error {
  override readonly name = 'EvolutionCancelledError';
}

/**
 * The run had to wait for the machine and its gate does not wait (`--no-wait`): the session stays
 * `breeding` with its stored population, and the next due run resumes it.
 */
export class EvolutionPausedError extends Error {
  override readonly name = 'EvolutionPausedError';
  constructor(
    readonly session: string,
    readonly reason: MachineWait,
  ) {
    super(`evolution waiting: ${reason} (session ${session})`);
  }
}

export interface EvolveOptions {
  /** @default 'manual' */
  trigger?: Extract<SessionTrigger, 'manual' | 'accuracy_drop'>;
  /** `--variants`. @default config breeder.variants_per_evolution */
  variants?: number | undefined;
  /** `--budget-calls`. @default config breeder.max_calls */
  budgetCalls?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BreederProgress & { session: string; resumed: boolean }) => void) | undefined;
  /** The judge's screen; with it the breeder keeps 5 finalists and lets the judge choose. */
  screen?: ScreenCandidates | undefined;
  /** Who breeds, as another process's refusal names it. @default `process <pid>` */
  owner?: string | undefined;
  /**
   * Holds breeding back while the Mac is in use or on battery: the run starts when the gate opens
   * and pauses at a generation boundary when it closes, keeping its population, and goes on from
   * there. Monitor-started runs pass it; without it (`prompt evolve`, Evolve Now) nothing waits.
   */
  gate?: MachineGate | undefined;
  /** The run is waiting for the machine; called when the reason changes. */
  onWaiting?: ((waiting: { session: string; reason: MachineWait }) => void) | undefined;
}

/** A breeding process that has not renewed its lease (every generation) for this long is gone. */
export const EVOLUTION_LEASE_STALE_MS = 10 * 60_000;

/** `settings` key of the lease on one session's breeding run. */
export const evolutionLeaseKey = (session: string) => `evolution.lease.${session}`;

export interface EvolveResult {
  session: EvolutionSession;
  /** The A/B variants, lettered by final fitness (A fittest). */
  variants: Variant[];
  calls: number;
  cacheHits: number;
  wallMs: number;
  /** True when an interrupted run of this skill was picked up. */
  resumed: boolean;
  stoppedEarly: string | null;
  originalFitness: number | null;
}

/**
 * Breeds variants of a skill's active prompt from its feedback and opens an A/B test of them
 * (session `testing`, variants lettered by final fitness). A skill with a `breeding` session left by
 * a killed run resumes it from the stored population instead of starting over.
 *
 * @throws UserInputError when the skill has no example with a reference, or another session is open.
 * @throws EvolutionCancelledError when `signal` aborts (the session is then `cancelled`).
 * @throws EvolutionPausedError when it must wait for the machine and the gate does not wait.
 */
export async function evolveSkill(
  ctx: CoreContext,
  model: LanguageModel,
  skillId: string,
  options: EvolveOptions = {},
): Promise<EvolveResult> {
  requireInstalledSkill(ctx, skillId);
  const skill = getSkill(skillId);
  const repo = breederRepository(ctx.store.db);
  const examples = loadBreedingExamples(ctx, skill);
  if (!examples.some((e) => e.kind !== 'negative')) {
    throw new UserInputError(
      `${skillId} has no example with a reference yet: accept or correct some outputs first`,
      { code: 'no-reference-example', skill: skillId },
    );
  }
  const fresh = breederSettingsFrom(ctx.config, {
    variants: options.variants,
    maxCalls: options.budgetCalls,
    screened: options.screen !== undefined,
  });
  const { session, run, resumed } = openBreedingSession(ctx, skillId, {
    trigger: options.trigger ?? 'manual',
    settings: fresh,
    examples,
  });
  // One process breeds a session: two resuming the same interrupted run would write one population.
  const lease = {
    key: evolutionLeaseKey(session.id),
    owner: options.owner ?? `process ${process.pid}`,
    staleMs: EVOLUTION_LEASE_STALE_MS,
    pid: process.pid,
  };
  const claim = claimLease(ctx, lease);
  if (!claim.held) {
    throw new UserInputError(
      `${skillId}'s evolution (session ${session.id}) is being bred by ${claim.holder}; wait for it to finish or cancel it there`,
      { code: 'session-being-bred', skill: skillId, session: session.id, holder: claim.holder },
    );
  }
  // A resumed run keeps the settings it started with, except a budget given now.
  const stored = breederSettingsSchema.safeParse(run.settings);
  const settings: BreederSettings = stored.success
    ? { ...stored.data, ...(options.budgetCalls === undefined ? {} : { maxCalls: options.budgetCalls }) }
    : fresh;
  const byId = new Map(examples.map((e) => [e.id, e]));
  const evaluation = run.examples.flatMap((id) => byId.get(id) ?? []);
  const sample: BreedingExample[] =
    evaluation.length > 0 ? evaluation : chooseEvaluationSet(examples, settings.evaluationSamples);
  const originalVersion = ctx.store.prompts.getVersion(skillId, session.originalVersion);
  const original = originalVersion
    ? { template: originalVersion.template, examples: originalVersion.examplePolicy }
    : { template: skill.promptV1, examples: skill.examplePolicyV1 };

  const renewLease = () => {
    if (!claimLease(ctx, lease).held)
      throw new Error(`another process took over the evolution of ${skillId} (session ${session.id})`);
  };
  const gate = options.gate;
  const screen = options.screen;
  const knowledge = runKnowledge(ctx, repo, skillId, original, settings.population);
  let pickedUp = resumed;
  const breedFrom = (current: BreederRunState) =>
    breed({
      model,
      skill,
      repo,
      write: (work) => ctx.store.write(work),
      clock: ctx.clock,
      run: current,
      settings,
      original,
      demonstrations: (policy, example) =>
        selectExamples(
          ctx.store,
          skillId,
          policy,
          formatStoredInput(skill, example.input),
          new Set([example.id]),
        ),
      examples,
      evaluation: sample,
      finalSet: chooseFinalSet(
        examples.filter((e) => e.kind !== 'negative' || sample.includes(e)),
        sample,
        settings.finalSamples,
      ),
      operatorStats: knowledge.operatorStats,
      mutationPromptStats: knowledge.mutationPromptStats,
      thinkingStyleStats: knowledge.thinkingStyleStats,
      mutators: knowledge.mutators,
      inherited: knowledge.inherited,
      onMutatorUse: (use) => recordMutatorUse(ctx, skillId, use),
      skillId,
      signal: options.signal,
      // The session is `screening` while the judge scores the finalists; a kill there resumes breeding.
      screen:
        screen &&
        (async (candidates) => {
          ctx.store.write(() => ctx.store.sessions.startScreening(session.id));
          return screen(candidates);
        }),
      pauseWhen: gate && (() => gate.waitReason(true)),
      onProgress: (p) => {
        renewLease();
        ctx.store.write(() =>
          repo.setProgress(session.id, {
            callsUsed: p.calls,
            progress: p.fraction,
            budgetCalls: p.maxCalls,
            budgetMs: settings.maxMs,
          }),
        );
        options.onProgress?.({ ...p, session: session.id, resumed: pickedUp });
      },
    });

  try {
    let result: BreedResult | null = null;
    let current = run;
    while (result === null) {
      if (gate) {
        const waiting = await waitForMachine(gate, {
          signal: options.signal,
          onWaiting: (reason) => options.onWaiting?.({ session: session.id, reason }),
          onLook: renewLease,
        });
        if (waiting !== null) throw new EvolutionPausedError(session.id, waiting);
      }
      try {
        result = await breedFrom(current);
      } catch (error) {
        if (!(error instanceof BreederPausedError)) throw error;
        // Stopped at a generation boundary: go on from the stored population once the gate opens.
        const stored = repo.getRun(session.id);
        if (!stored) throw new Error(`breeder run of ${session.id} was not stored`);
        current = stored;
        pickedUp = true;
      }
    }
    const now = ctx.clock.now();
    ctx.store.write(() => {
      if (result.variants.length === 0) {
        ctx.store.sessions.endRun(session.id, 'fail', 'the breeder produced no usable variant', now);
        return;
      }
      repo.setProgress(session.id, {
        callsUsed: result.calls,
        progress: 1,
        budgetCalls: settings.maxCalls,
        budgetMs: settings.maxMs,
      });
      ctx.store.sessions.startTesting(
        session.id,
        result.variants.map((v, i) => toNewVariant(v, i, session.originalVersion)),
        now,
      );
      recordLesson(ctx, repo, {
        session: session.id,
        skill: skillId,
        best: result.variants[0],
        originalFitness: result.originalFitness,
      });
    });
    const final = ctx.store.sessions.getSession(session.id);
    if (!final) throw new Error(`session ${session.id} vanished`);
    if (final.status === 'failed')
      throw new Error(`evolution of ${skillId} produced no usable variant (session ${session.id})`);
    return {
      session: final,
      variants: ctx.store.sessions.variantsOf(session.id),
      calls: result.calls,
      cacheHits: result.cacheHits,
      wallMs: result.wallMs,
      resumed: pickedUp,
      stoppedEarly: result.stoppedEarly,
      originalFitness: result.originalFitness,
    };
  } catch (error) {
    if (options.signal?.aborted) {
      ctx.store.write(() =>
        ctx.store.sessions.endRun(session.id, 'cancel', 'evolution cancelled', ctx.clock.now()),
      );
      throw new EvolutionCancelledError(`evolution of ${skillId} cancelled (session ${session.id})`);
    }
    // Anything else (model missing, disk full) leaves the session `breeding`: the next attempt resumes it.
    throw error;
  } finally {
    releaseLease(ctx, lease.key, lease.owner);
  }
}

function toNewVariant(v: BredVariant, index: number, originalVersion: number) {
  return {
    letter: ARM_LETTERS[index] ?? String.fromCharCode(65 + index),
    template: v.prompt.template,
    examplePolicy: v.prompt.examples,
    // History shows the reasoning: an idea inherited from another skill names where it came from.
    reasoning:
      v.unit.origin && !v.unit.reasoning.includes(v.unit.origin)
        ? `${v.unit.reasoning} · ${v.unit.origin}`
        : v.unit.reasoning,
    operator: v.unit.operator,
    mutationPrompt: v.unit.mutationPrompt === '' ? null : v.unit.mutationPrompt,
    parent: v.unit.parent === 'u0' ? `v${originalVersion}` : v.unit.parent,
    fitness: Number(v.fitness.toFixed(4)),
    judgeScore: v.judgeScore ?? null,
  };
}
