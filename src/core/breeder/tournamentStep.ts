import type { Rng } from '../rng';
import { drawPair, race } from './binaryTournament';
import type { BreederUnit } from './breederUnit';
import { unitPrompt, validTemplate } from './breederUnit';
import type { BreedingExample } from './breedingExamples';
import { isNearDuplicate } from './diversityFilter';
import { type FitnessEvaluator, lowerBoundFitness } from './fitnessEvaluator';
import { mutateUnit } from './mutateUnit';
import { type adaptedClassWeights, chooseOperator, successRate, weightedIndex } from './operatorWeights';
import { type BreedOptions, generationRng } from './promptBreeder';
import type { RunBudget } from './runBudget';

/**
 * One steady-state generation: race two units, mutate the winner, the child overwrites the loser
 * (in every generation but the last).
 * The child is scored when a later tournament draws it (a child born late and never drawn costs no
 * fitness calls); that race settles whether it beat its parent, which credits the operator.
 */
export async function tournamentStep(
  options: BreedOptions,
  evaluator: FitnessEvaluator,
  budget: RunBudget,
  population: BreederUnit[],
  original: BreederUnit,
  elites: BreederUnit[],
  generation: number,
  classWeights: ReturnType<typeof adaptedClassWeights>,
): Promise<BreederUnit[]> {
  const rng = generationRng(options.run.seed, generation);
  const [i, j] = drawPair(population.length, rng);
  const first = population[i] as BreederUnit;
  const second = population[j] as BreederUnit;
  const winnerIsFirst =
    (await race(evaluator, unitPrompt(first), unitPrompt(second), options.evaluation)) === 'first';
  const next = [...population];
  const credited: { unit: BreederUnit; improved: boolean; style: string | null }[] = [];
  for (const slot of [i, j]) {
    const unit = population[slot] as BreederUnit;
    const improved = beatsParent(evaluator, unit, options.evaluation);
    if (improved === null) continue;
    const { credit, ...measured } = unit;
    next[slot] = measured;
    credited.push({ unit, improved, style: credit?.thinkingStyle ?? null });
  }
  const [winner, loserSlot] = winnerIsFirst ? [next[i] as BreederUnit, j] : [next[j] as BreederUnit, i];
  if (elites.at(-1)?.id !== winner.id) elites.push(winner);

  // The last generation's child could only be scored by a later tournament, and none follows: an
  // unscored child is never a finalist, so breeding it would be a mutator call for nothing.
  if (generation < options.settings.generations) {
    const child = await breedChild(options, evaluator, budget, {
      population,
      original,
      elites,
      winner,
      loserSlot,
      generation,
      classWeights,
      rng,
    });
    if (child) next[loserSlot] = child;
  }
  for (const { unit, improved, style } of credited) {
    for (const [map, key] of [
      [options.operatorStats, unit.operator],
      [options.mutationPromptStats, unit.mutationPrompt],
      ...(style === null ? [] : [[options.thinkingStyleStats, style] as const]),
    ] as const) {
      const count = map.get(key) ?? { tries: 0, improvements: 0 };
      map.set(key, { tries: count.tries + 1, improvements: count.improvements + (improved ? 1 : 0) });
    }
  }
  options.write(() => {
    options.repo.savePopulation(options.run.session, generation, next);
    for (const { unit, improved, style } of credited) {
      const { operator: made, mutationPrompt } = unit;
      options.repo.recordMutation(
        {
          session: options.run.session,
          skill: options.skillId,
          generation: unit.born,
          operator: made,
          mutationPrompt,
          improved,
        },
        options.clock.now(),
      );
      if (mutationPrompt !== '')
        options.onMutatorUse?.({ kind: 'mutation_prompt', text: mutationPrompt, improved, operator: made });
      if (style !== null && style !== '')
        options.onMutatorUse?.({ kind: 'thinking_style', text: style, improved, operator: made });
    }
    options.repo.updateRun(
      options.run.session,
      {
        phase: 'tournament',
        generation,
        calls: budget.calls,
        cacheHits: budget.cacheHits,
        wallMs: Math.round(budget.elapsedMs()),
      },
      options.clock.now(),
    );
  });
  return next;
}

/**
 * Mutates a copy of the tournament's winner with an operator drawn by the adaptive weights: the
 * child that replaces the loser, carrying the credit its first race settles, or `null` when the
 * mutation failed or came out invalid or a near-duplicate of the original or of a unit that stays.
 */
async function breedChild(
  options: BreedOptions,
  evaluator: FitnessEvaluator,
  budget: RunBudget,
  tournament: {
    population: readonly BreederUnit[];
    original: BreederUnit;
    elites: readonly BreederUnit[];
    winner: BreederUnit;
    loserSlot: number;
    generation: number;
    classWeights: ReturnType<typeof adaptedClassWeights>;
    rng: Rng;
  },
): Promise<BreederUnit | null> {
  const { population, original, elites, winner, loserSlot, generation, classWeights, rng } = tournament;
  const winnerPrompt = unitPrompt(winner);
  const operator = chooseOperator(classWeights, options.operatorStats, rng);
  const outputs = evaluator.outputs(winnerPrompt, options.evaluation);
  const parentFailures = options.evaluation
    .filter((e) => e.kind !== 'negative' && outputs.has(e.id))
    .map((example) => ({
      example,
      output: outputs.get(example.id),
      score: evaluator.known(winnerPrompt, example) ?? 1,
    }))
    .filter((f) => f.score < 0.999)
    .sort((a, b) => a.score - b.score);
  const styles = options.mutators.thinkingStyles;
  const thinkingStyle =
    styles[
      weightedIndex(
        styles.map((s) => successRate(options.thinkingStyleStats.get(s))),
        rng,
      )
    ] ?? '';
  const withFitness = population.map((unit) => ({
    unit,
    fitness: lowerBoundFitness(evaluator, unitPrompt(unit), options.evaluation),
  }));
  const mutation = await mutateUnit(
    { model: options.model, skill: options.skill, budget, rng, signal: options.signal },
    {
      operator,
      parent: winner,
      population: withFitness,
      elites,
      examples: options.examples.filter((e) => e.good !== null),
      parentFailures,
      thinkingStyle,
      id: `u${options.settings.population + generation - 1}`,
      generation,
    },
  );
  const child = mutation.unit;
  const others = population.filter((_, slot) => slot !== loserSlot);
  const usable =
    child !== null &&
    validTemplate(child) !== null &&
    !isNearDuplicate(child, original) &&
    !others.some((u) => isNearDuplicate(child, u));
  if (!usable || !child) return null;
  // A thinking style shapes a child only through zero-order hyper-mutation, so only that credits it.
  const styleUsed = operator === 'zero_order_hyper' ? thinkingStyle : null;
  return { ...child, credit: { parent: winnerPrompt, thinkingStyle: styleUsed } };
}

/**
 * Whether a child scored above its parent on the sample examples both were scored on (a race may
 * stop a hopeless side early), or `null` when there is nothing to settle: no pending credit, or no
 * score the parent shares yet.
 */
function beatsParent(
  evaluator: FitnessEvaluator,
  child: BreederUnit,
  sample: readonly BreedingExample[],
): boolean | null {
  const parent = child.credit?.parent;
  if (!parent) return null;
  const prompt = unitPrompt(child);
  let mine = 0;
  let theirs = 0;
  let shared = 0;
  for (const example of sample) {
    const a = evaluator.known(prompt, example);
    const b = evaluator.known(parent, example);
    if (a === undefined || b === undefined) continue;
    mine += a;
    theirs += b;
    shared++;
  }
  return shared === 0 ? null : mine > theirs;
}
