import { drawPair, race } from './binaryTournament';
import type { BreederUnit } from './breederUnit';
import { unitPrompt, validTemplate } from './breederUnit';
import { isNearDuplicate } from './diversityFilter';
import { type FitnessEvaluator, lowerBoundFitness } from './fitnessEvaluator';
import { mutateUnit } from './mutateUnit';
import { type adaptedClassWeights, chooseOperator, successRate, weightedIndex } from './operatorWeights';
import { type BreedOptions, generationRng } from './promptBreeder';
import type { RunBudget } from './runBudget';

/** One steady-state generation: race two units, mutate the winner, the child overwrites the loser. */
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
  const [winner, loserSlot] = winnerIsFirst ? [first, j] : [second, i];
  const winnerPrompt = unitPrompt(winner);
  if (elites.at(-1)?.id !== winner.id) elites.push(winner);

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
  let improved = false;
  const next = [...population];
  if (usable && child) {
    improved = (await race(evaluator, winnerPrompt, unitPrompt(child), options.evaluation)) === 'second';
    next[loserSlot] = child;
  }
  // A thinking style shapes a child only through zero-order hyper-mutation, so only that credits it.
  const styleUsed = operator === 'zero_order_hyper' ? thinkingStyle : null;
  for (const [map, key] of [
    [options.operatorStats, operator],
    [options.mutationPromptStats, mutation.mutationPrompt],
    ...(styleUsed === null ? [] : [[options.thinkingStyleStats, styleUsed] as const]),
  ] as const) {
    const count = map.get(key) ?? { tries: 0, improvements: 0 };
    map.set(key, { tries: count.tries + 1, improvements: count.improvements + (improved ? 1 : 0) });
  }
  options.write(() => {
    options.repo.savePopulation(options.run.session, generation, next);
    options.repo.recordMutation(
      {
        session: options.run.session,
        skill: options.skillId,
        generation,
        operator,
        mutationPrompt: mutation.mutationPrompt,
        improved,
      },
      options.clock.now(),
    );
    if (mutation.mutationPrompt !== '')
      options.onMutatorUse?.({ kind: 'mutation_prompt', text: mutation.mutationPrompt, improved, operator });
    if (styleUsed !== null && styleUsed !== '')
      options.onMutatorUse?.({ kind: 'thinking_style', text: styleUsed, improved, operator });
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
