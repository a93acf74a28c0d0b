import type { Clock } from '../clock';
import type { ExamplePolicy } from '../examples/examplePolicy';
import { examplePolicyKey } from '../examples/examplePolicy';
import type { Demonstration } from '../examples/selectExamples';
import type { LanguageModel } from '../llm/languageModel';
import { ModelOutputError } from '../llm/modelOutputError';
import { type Prompt, templateHash } from '../runner/prompt';
import { OutputSchemaError, runTemplate } from '../runner/runTemplate';
import type { AnySkillDefinition } from '../skills/skillRegistry';
import type { BreederRepository, CachedOutput } from '../store/breederRepository';
import { type BreedingExample, scoreOnExample } from './breedingExamples';
import type { RunBudget } from './runBudget';

/**
 * The demonstrations a policy shows for an example, never the example itself (leave-one-out):
 * fitness must not reward a prompt for being shown the answer.
 */
export type DemonstrationsFor = (policy: ExamplePolicy, example: BreedingExample) => readonly Demonstration[];

/**
 * Scores prompts on examples through {@link runTemplate}, caching each model output by
 * (template hash, example and the demonstrations it was shown, model) in the database so a repeated
 * pair, a resumed run or a later run costs no call. The key is what the model reads, not the policy
 * that chose it: two policies showing the same demonstrations in the same order for an example
 * (a child that only changed k or the fixed set, often) share the output. Outputs are cached rather
 * than scores: a later correction re-scores for free; a bank that changed under a policy is a new key.
 */
export interface FitnessEvaluator {
  /** The score, running the model only when the pair is not cached. */
  score(prompt: Prompt, example: BreedingExample): Promise<number>;
  /** The score if already known (memory or database), without a call. */
  known(prompt: Prompt, example: BreedingExample): number | undefined;
  /**
   * Counts the sample's already-known scores of a prompt as cache hits (each is a call a cache-less
   * run would make) and returns how many there were.
   */
  countHits(prompt: Prompt, sample: readonly BreedingExample[]): number;
  /** Cached outputs of a prompt on the given examples, by example id (for repair prompts and the judge). */
  outputs(prompt: Prompt, examples: readonly BreedingExample[]): ReadonlyMap<string, unknown>;
}

export function createFitnessEvaluator(options: {
  model: LanguageModel;
  skill: AnySkillDefinition;
  repo: BreederRepository;
  budget: RunBudget;
  clock: Clock;
  /** @default no demonstrations */
  demonstrations?: DemonstrationsFor | undefined;
  signal?: AbortSignal | undefined;
}): FitnessEvaluator {
  const { model, skill, repo, budget, clock, signal } = options;
  const memory = new Map<string, Map<string, CachedOutput>>();
  // The bank is read once per (policy, example) per run, so every fitness in a run sees the same examples.
  const shown = new Map<string, readonly Demonstration[]>();
  const demonstrationsOf = (prompt: Prompt, example: BreedingExample) => {
    if (!options.demonstrations || prompt.examples.k === 0) return [];
    const key = `${examplePolicyKey(prompt.examples)}\n${example.id}`;
    let demos = shown.get(key);
    if (!demos) {
      demos = options.demonstrations(prompt.examples, example).filter((d) => d.task !== example.id);
      shown.set(key, demos);
    }
    return demos;
  };
  const exampleKey = (prompt: Prompt, example: BreedingExample) => {
    const demos = demonstrationsOf(prompt, example);
    return demos.length === 0 ? example.id : `${example.id}|${demos.map((d) => d.task).join(',')}`;
  };
  const entries = (prompt: Prompt) => {
    const hash = templateHash(prompt.template);
    let map = memory.get(hash);
    if (!map) {
      map = repo.cachedOutputs(hash, model.id);
      memory.set(hash, map);
    }
    return { hash, map };
  };
  const scoreOf = (cached: CachedOutput, example: BreedingExample) =>
    cached.error === null ? scoreOnExample(skill, example, cached.output) : 0;
  const cachedFor = (prompt: Prompt, example: BreedingExample) =>
    entries(prompt).map.get(exampleKey(prompt, example));

  return {
    known(prompt, example) {
      const cached = cachedFor(prompt, example);
      return cached ? scoreOf(cached, example) : undefined;
    },

    countHits(prompt, sample) {
      const hits = sample.filter((e) => cachedFor(prompt, e) !== undefined).length;
      budget.cacheHits += hits;
      return hits;
    },

    outputs(prompt, examples) {
      const out = new Map<string, unknown>();
      for (const example of examples) {
        const cached = cachedFor(prompt, example);
        if (cached && cached.error === null) out.set(example.id, cached.output);
      }
      return out;
    },

    async score(prompt, example) {
      const { hash, map } = entries(prompt);
      const key = exampleKey(prompt, example);
      const hit = map.get(key);
      if (hit) {
        budget.cacheHits++;
        return scoreOf(hit, example);
      }
      budget.spend();
      let cached: CachedOutput;
      try {
        const run = await runTemplate(model, skill, prompt.template, example.input, {
          demonstrations: demonstrationsOf(prompt, example),
          scoreOnly: true,
          ...(signal ? { signal } : {}),
        });
        cached = { output: run.output, error: null };
      } catch (error) {
        signal?.throwIfAborted();
        // A prompt that makes the model break the schema or run past the cap is a bad prompt: score 0.
        if (!(error instanceof OutputSchemaError || error instanceof ModelOutputError)) throw error;
        cached = { output: null, error: error.message.slice(0, 300) };
      }
      map.set(key, cached);
      repo.storeOutput({ promptHash: hash, example: key, model: model.id, ...cached }, clock.now());
      return scoreOf(cached, example);
    },
  };
}

/** Sum and count of the known scores of a prompt on a sample. */
export function knownFitness(
  evaluator: FitnessEvaluator,
  prompt: Prompt,
  sample: readonly BreedingExample[],
): { sum: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const example of sample) {
    const score = evaluator.known(prompt, example);
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
  prompt: Prompt,
  sample: readonly BreedingExample[],
): number {
  return sample.length === 0 ? 0 : knownFitness(evaluator, prompt, sample).sum / sample.length;
}
