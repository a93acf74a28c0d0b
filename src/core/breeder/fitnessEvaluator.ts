import type { Clock } from '../clock';
import type { LanguageModel } from '../llm/languageModel';
import { ModelOutputError } from '../llm/modelOutputError';
import { OutputSchemaError, runTemplate } from '../runner/runTemplate';
import type { AnySkillDefinition } from '../skills/skillRegistry';
import type { BreederRepository, CachedOutput } from '../store/breederRepository';
import { promptHash } from './breederUnit';
import { type BreedingExample, scoreOnExample } from './breedingExamples';
import { fitnessView } from './fitnessView';
import type { RunBudget } from './runBudget';

/**
 * Scores templates on examples through {@link runTemplate}, caching each model output by
 * (prompt hash, example id, model) in the database so a repeated pair, a resumed run or a later run
 * costs no call. Outputs are cached rather than scores: a later correction re-scores for free.
 */
export interface FitnessEvaluator {
  /** The score, running the model only when the pair is not cached. */
  score(template: string, example: BreedingExample): Promise<number>;
  /** The score if already known (memory or database), without a call. */
  known(template: string, example: BreedingExample): number | undefined;
  /**
   * Counts the sample's already-known scores of a template as cache hits (each is a call a cache-less
   * run would make) and returns how many there were.
   */
  countHits(template: string, sample: readonly BreedingExample[]): number;
  /** Cached outputs of a template by example id (for repair prompts and the judge). */
  outputs(template: string): ReadonlyMap<string, unknown>;
}

export function createFitnessEvaluator(options: {
  model: LanguageModel;
  skill: AnySkillDefinition;
  repo: BreederRepository;
  budget: RunBudget;
  clock: Clock;
  signal?: AbortSignal | undefined;
}): FitnessEvaluator {
  const { model, skill, repo, budget, clock, signal } = options;
  const view = fitnessView(skill);
  const memory = new Map<string, Map<string, CachedOutput>>();
  const entries = (template: string) => {
    const hash = promptHash(template);
    let map = memory.get(hash);
    if (!map) {
      map = repo.cachedOutputs(hash, model.id);
      memory.set(hash, map);
    }
    return { hash, map };
  };
  const scoreOf = (cached: CachedOutput, example: BreedingExample) =>
    cached.error === null ? scoreOnExample(skill, example, view.complete(cached.output)) : 0;

  return {
    known(template, example) {
      const cached = entries(template).map.get(example.id);
      return cached ? scoreOf(cached, example) : undefined;
    },

    countHits(template, sample) {
      const { map } = entries(template);
      const hits = sample.filter((e) => map.has(e.id)).length;
      budget.cacheHits += hits;
      return hits;
    },

    outputs(template) {
      const out = new Map<string, unknown>();
      for (const [id, cached] of entries(template).map) if (cached.error === null) out.set(id, cached.output);
      return out;
    },

    async score(template, example) {
      const { hash, map } = entries(template);
      const hit = map.get(example.id);
      if (hit) {
        budget.cacheHits++;
        return scoreOf(hit, example);
      }
      budget.spend();
      let cached: CachedOutput;
      try {
        const run = await runTemplate(model, view.skill, template, example.input, {
          maxTokens: view.maxTokens,
          ...(signal ? { signal } : {}),
        });
        cached = { output: run.output, error: null };
      } catch (error) {
        signal?.throwIfAborted();
        // A prompt that makes the model break the schema or run past the cap is a bad prompt: score 0.
        if (!(error instanceof OutputSchemaError || error instanceof ModelOutputError)) throw error;
        cached = { output: null, error: error.message.slice(0, 300) };
      }
      map.set(example.id, cached);
      repo.storeOutput({ promptHash: hash, example: example.id, model: model.id, ...cached }, clock.now());
      return scoreOf(cached, example);
    },
  };
}

/** Sum and count of the known scores of a template on a sample. */
export function knownFitness(
  evaluator: FitnessEvaluator,
  template: string,
  sample: readonly BreedingExample[],
): { sum: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const example of sample) {
    const score = evaluator.known(template, example);
    if (score !== undefined) {
      sum += score;
      n++;
    }
  }
  return { sum, n };
}

/**
 * Pessimistic fitness in [0, 1]: unscored examples count 0, so a unit that lost a race early ranks
 * below the ones scored in full.
 */
export function lowerBoundFitness(
  evaluator: FitnessEvaluator,
  template: string,
  sample: readonly BreedingExample[],
): number {
  return sample.length === 0 ? 0 : knownFitness(evaluator, template, sample).sum / sample.length;
}
