import type { Clock } from '../clock';
import type { LanguageModel } from '../llm/languageModel';
import { type Rng, seededRng } from '../rng';
import { type Prompt, promptKey } from '../runner/prompt';
import type { AnySkillDefinition } from '../skills/skillRegistry';
import type { BreederPhase, BreederRepository, BreederRunState } from '../store/breederRepository';
import type { StoredJudgeScore } from '../store/sessionRepository';
import type { BreederSettings } from './breederSettings';
import { type BreederUnit, breederUnitSchema, splitTemplate, unitPrompt, validTemplate } from './breederUnit';
import type { BreedingExample } from './breedingExamples';
import { diverseSubset } from './diversityFilter';
import { finalEvaluation } from './finalEvaluation';
import {
  createFitnessEvaluator,
  type DemonstrationsFor,
  type FitnessEvaluator,
  lowerBoundFitness,
} from './fitnessEvaluator';
import { type MutatorPopulation, seedPopulation } from './initialPopulation';
import { MUTATION_PROMPTS } from './mutationPrompts';
import { adaptedClassWeights, type SuccessCount } from './operatorWeights';
import { BudgetExhaustedError, createRunBudget } from './runBudget';
import { THINKING_STYLES } from './thinkingStyles';
import { tournamentStep } from './tournamentStep';

export interface BreederProgress {
  phase: Exclude<BreederPhase, 'done'>;
  generation: number;
  generations: number;
  calls: number;
  maxCalls: number;
  cacheHits: number;
  elapsedMs: number;
  /** Whole run, 0–1. */
  fraction: number;
  /** Best (pessimistic) fitness in the population on the tournament sample so far; 0 before any race. */
  bestFitness: number;
}

/** A child was made with a mutation prompt or thinking style of the shared population (inside the run's write). */
export interface MutatorUse {
  kind: 'mutation_prompt' | 'thinking_style';
  text: string;
  improved: boolean;
  operator: string;
}

/** The built-in lists, for runs given no shared population. */
export const BUILT_IN_MUTATORS: MutatorPopulation = {
  mutationPrompts: MUTATION_PROMPTS,
  thinkingStyles: THINKING_STYLES,
  origins: new Map(),
};

/** A finalist offered to the judge: its template and a few outputs it produced. */
export interface ScreenCandidate {
  id: string;
  /** The judge reads the instruction; the outputs show what the examples did. */
  template: string;
  fitness: number;
  sampleOutputs: { input: unknown; output: unknown }[];
}
/** A candidate the judge kept, with its verdict (stored as the variant's judge score). */
export interface ScreenVerdict {
  id: string;
  judgeScore: StoredJudgeScore;
}

/** The judge hook: returns the candidates to keep, best first. */
export type ScreenCandidates = (candidates: readonly ScreenCandidate[]) => Promise<readonly ScreenVerdict[]>;

export interface BredVariant {
  unit: BreederUnit;
  prompt: Prompt;
  /** Mean score on the final evaluation. */
  fitness: number;
  /** Examples it was scored on in the final evaluation. */
  n: number;
  /** The judge's verdict, when a judge screened the finalists. */
  judgeScore?: StoredJudgeScore;
}

export interface BreedResult {
  variants: BredVariant[];
  calls: number;
  cacheHits: number;
  wallMs: number;
  /** Why the tournaments ended early, if they did. */
  stoppedEarly: string | null;
  /** The original prompt's mean on the tournament sample, when it was scored. */
  originalFitness: number | null;
}

export interface BreedOptions {
  model: LanguageModel;
  skill: AnySkillDefinition;
  repo: BreederRepository;
  /** Runs `work` in one write transaction. */
  write: <T>(work: () => T) => T;
  clock: Clock;
  run: BreederRunState;
  settings: BreederSettings;
  /** The prompt that was active when evolution started. */
  original: Prompt;
  /** The bank examples a policy shows for an example (leave-one-out); none without it. */
  demonstrations?: DemonstrationsFor | undefined;
  /** Every example with a verdict, newest first. */
  examples: readonly BreedingExample[];
  evaluation: readonly BreedingExample[];
  finalSet: readonly BreedingExample[];
  operatorStats: Map<string, SuccessCount>;
  mutationPromptStats: Map<string, SuccessCount>;
  /** Tries and fitter children per thinking style (zero-order hyper-mutation is what uses one). */
  thinkingStyleStats: Map<string, SuccessCount>;
  /** The mutation prompts and thinking styles the run draws from. */
  mutators: MutatorPopulation;
  /** Units adapted from other skills, seeded right after the original (cross-skill learning). */
  inherited?: readonly BreederUnit[] | undefined;
  /** Called inside the generation's write for every use of a shared mutator (the shared population's rates). */
  onMutatorUse?: ((use: MutatorUse) => void) | undefined;
  skillId: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BreederProgress) => void) | undefined;
  screen?: ScreenCandidates | undefined;
  /** Asked at every generation boundary: a reason stops the run there as {@link BreederPausedError}. */
  pauseWhen?: (() => string | null) | undefined;
}

/** The run stopped at a generation boundary because `pauseWhen` asked; its population is stored. */
export class BreederPausedError extends Error {
  override readonly name = 'BreederPausedError';
  constructor(readonly reason: string) {
    super(`breeding paused: ${reason}`);
  }
}

/** Share of the call and time budget kept back from the tournaments for the final evaluation. */
export const FINAL_RESERVE = 0.25;

/** Per-generation generator, so a resumed run draws what the uninterrupted run would have. */
export function generationRng(seed: number, generation: number): Rng {
  return seededRng((seed + Math.imul(generation + 1, 0x9e3779b1)) >>> 0);
}

/**
 * PromptBreeder (Fernando et al. 2023) as DESIGN §4 sets it out: an initial population from thinking
 * styles × mutation prompts, a steady-state binary tournament (the winner's mutated copy overwrites
 * the loser), then the best distinct units raced on the final sample. Every generation's population
 * is stored before the next starts, so a killed run resumes from it.
 *
 * @throws AbortError (the signal's reason) when cancelled; what was stored stays for a resume.
 * @throws BreederPausedError at a generation boundary when `pauseWhen` gives a reason; likewise.
 */
export async function breed(options: BreedOptions): Promise<BreedResult> {
  const { settings, run, repo } = options;
  const budget = createRunBudget({
    maxCalls: settings.maxCalls,
    maxMs: settings.maxMs,
    calls: run.calls,
    cacheHits: run.cacheHits,
    priorMs: run.wallMs,
    signal: options.signal,
  });
  const evaluator = createFitnessEvaluator({
    model: options.model,
    skill: options.skill,
    repo,
    budget,
    clock: options.clock,
    demonstrations: options.demonstrations,
    signal: options.signal,
  });
  const original: BreederUnit = {
    id: 'u0',
    ...splitTemplate(options.original.template),
    examples: options.original.examples,
    mutationPrompt: '',
    operator: 'original',
    parent: null,
    reasoning: 'the prompt that was active when evolution started',
    born: 0,
  };
  let bestFitness = 0;
  const progress = (phase: BreederProgress['phase'], generation: number, fraction: number) =>
    options.onProgress?.({
      bestFitness,
      phase,
      generation,
      generations: settings.generations,
      calls: budget.calls,
      maxCalls: budget.maxCalls,
      cacheHits: budget.cacheHits,
      elapsedMs: budget.elapsedMs(),
      fraction,
    });
  const save = (
    phase: BreederPhase,
    generation: number,
    population: readonly BreederUnit[] | null,
    extra?: () => void,
  ) =>
    options.write(() => {
      if (population) repo.savePopulation(run.session, generation, population);
      extra?.();
      repo.updateRun(
        run.session,
        {
          phase,
          generation,
          calls: budget.calls,
          cacheHits: budget.cacheHits,
          wallMs: Math.round(budget.elapsedMs()),
        },
        options.clock.now(),
      );
    });

  const stored = repo.latestPopulation(run.session);
  let population = stored ? stored.units.map((u) => breederUnitSchema.parse(u)) : [original];
  let generation = stored?.generation ?? 0;
  let phase: BreederPhase = run.phase;
  let stoppedEarly: string | null = null;

  if (phase === 'initial') {
    progress('initial', 0, 0);
    population = await seedPopulation({
      deps: {
        model: options.model,
        skill: options.skill,
        budget,
        rng: generationRng(run.seed, -1),
        signal: options.signal,
      },
      original,
      population,
      size: settings.population,
      mutationPromptStats: options.mutationPromptStats,
      mutators: options.mutators,
      inherited: options.inherited,
      onUnit: (units) => {
        save('initial', 0, units);
        progress('initial', 0, (0.1 * units.length) / settings.population);
      },
    });
    phase = 'tournament';
    save(phase, 0, population);
  }

  const reserveCalls = Math.floor(settings.maxCalls * FINAL_RESERVE);
  const reserveMs = settings.maxMs * FINAL_RESERVE;
  const classWeights = adaptedClassWeights(settings.weights, options.operatorStats);
  const elites: BreederUnit[] = [];
  const fitnessOf = (unit: BreederUnit) => lowerBoundFitness(evaluator, unitPrompt(unit), options.evaluation);

  while (phase === 'tournament' && generation < settings.generations) {
    if (budget.remainingCalls() <= reserveCalls || budget.elapsedMs() >= settings.maxMs - reserveMs) {
      stoppedEarly = `budget: ${budget.calls} calls, ${Math.round(budget.elapsedMs() / 1000)} s`;
      break;
    }
    const pause = options.pauseWhen?.() ?? null;
    if (pause !== null) throw new BreederPausedError(pause);
    const next = generation + 1;
    try {
      population = await tournamentStep(
        options,
        evaluator,
        budget,
        population,
        original,
        elites,
        next,
        classWeights,
      );
    } catch (error) {
      if (!(error instanceof BudgetExhaustedError)) throw error;
      stoppedEarly = error.message;
      break;
    }
    generation = next;
    bestFitness = Math.max(bestFitness, ...population.map(fitnessOf));
    progress('tournament', generation, 0.1 + (0.7 * generation) / Math.max(1, settings.generations));
  }

  // The final race is the longest stretch without a boundary: the last chance to pause before it.
  const pause = phase === 'tournament' ? (options.pauseWhen?.() ?? null) : null;
  if (pause !== null) throw new BreederPausedError(pause);
  save('final', generation, null);
  progress('final', generation, 0.8);
  const ranked = population
    .filter((u) => u.operator !== 'original' && validTemplate(u) !== null)
    .map((unit) => ({ unit, fitness: fitnessOf(unit) }))
    .sort((a, b) => b.fitness - a.fitness)
    .map((r) => r.unit);
  const finalists = diverseSubset(ranked, [original], settings.keep);
  const scores = await finalEvaluation(
    evaluator,
    finalists.map(unitPrompt),
    options.finalSet,
    settings.keep,
    (done, total) => progress('final', generation, 0.8 + (0.2 * done) / Math.max(1, total)),
  );
  let kept: BredVariant[] = scores
    .filter((s) => !s.rejectedEarly)
    .slice(0, settings.keep)
    .flatMap((s) => {
      const unit = finalists.find((u) => promptKey(unitPrompt(u)) === promptKey(s.prompt));
      return unit ? [{ unit, prompt: s.prompt, fitness: s.fitness, n: s.n }] : [];
    });
  if (options.screen && kept.length > 0) kept = await screenVariants(options, evaluator, kept);
  const originalScore = options.evaluation.map((e) => evaluator.known(options.original, e));
  save('done', generation, null);
  return {
    variants: kept.slice(0, settings.variants),
    calls: budget.calls,
    cacheHits: budget.cacheHits,
    wallMs: Math.round(budget.elapsedMs()),
    stoppedEarly,
    originalFitness: originalScore.every((s) => s !== undefined)
      ? originalScore.reduce<number>((s, x) => s + (x ?? 0), 0) / Math.max(1, originalScore.length)
      : null,
  };
}

async function screenVariants(
  options: BreedOptions,
  evaluator: FitnessEvaluator,
  kept: BredVariant[],
): Promise<BredVariant[]> {
  const inputs = new Map(options.finalSet.map((e) => [e.id, e.input]));
  const candidates = kept.map((v) => ({
    id: v.unit.id,
    template: v.prompt.template,
    fitness: v.fitness,
    sampleOutputs: [...evaluator.outputs(v.prompt, options.finalSet)]
      .slice(0, 3)
      .map(([id, output]) => ({ input: inputs.get(id), output })),
  }));
  const verdicts = (await options.screen?.(candidates)) ?? [];
  return verdicts.flatMap((verdict) => {
    const variant = kept.find((v) => v.unit.id === verdict.id);
    return variant ? [{ ...variant, judgeScore: verdict.judgeScore }] : [];
  });
}
