import type { Rng } from '../rng';
import { type Prompt, promptKey } from '../runner/prompt';
import type { BreedingExample } from './breedingExamples';
import { type FitnessEvaluator, knownFitness } from './fitnessEvaluator';

/** Two distinct slots, uniformly (steady-state binary tournament). */
export function drawPair(size: number, rng: Rng): [number, number] {
  if (size < 2) throw new Error(`a tournament needs 2 units, the population has ${size}`);
  const a = Math.floor(rng() * size);
  let b = Math.floor(rng() * (size - 1));
  if (b >= a) b++;
  return [a, b];
}

export type RaceWinner = 'first' | 'second';

/**
 * Who wins on a sample of `total` examples given partial sums, or `null` while undecided. Scores lie
 * in [0, 1], so a side whose best possible total is below the other's worst is out. A full tie goes
 * to `first` (the incumbent).
 */
export function raceVerdict(
  first: { sum: number; n: number },
  second: { sum: number; n: number },
  total: number,
): RaceWinner | null {
  const firstHigh = first.sum + (total - first.n);
  const secondHigh = second.sum + (total - second.n);
  if (first.sum > secondHigh) return 'first';
  if (second.sum > firstHigh) return 'second';
  if (first.n === total && second.n === total) return second.sum > first.sum ? 'second' : 'first';
  return null;
}

/**
 * Scores two prompts on the sample only as far as needed to know which is fitter: cached scores
 * are free; then one side is scored example by example until it is complete or the verdict is
 * certain, then the other. Staying on one prompt keeps its prompt prefix evaluated in the model
 * (only the input changes between calls); alternating would re-evaluate ~500 prompt tokens per call.
 * The outcome is the one full scoring would give; the calls saved are the early rejection.
 */
export async function race(
  evaluator: FitnessEvaluator,
  first: Prompt,
  second: Prompt,
  sample: readonly BreedingExample[],
): Promise<RaceWinner> {
  evaluator.countHits(first, sample);
  if (promptKey(second) !== promptKey(first)) evaluator.countHits(second, sample);
  let side: Prompt | null = null;
  for (;;) {
    const a = knownFitness(evaluator, first, sample);
    const b = knownFitness(evaluator, second, sample);
    const verdict = raceVerdict(a, b, sample.length);
    if (verdict) return verdict;
    // Finish the side with more scores first (usually the cached incumbent), then the challenger.
    if (side === null || knownFitness(evaluator, side, sample).n === sample.length) {
      const firstOpen = a.n < sample.length;
      const secondOpen = b.n < sample.length;
      side = firstOpen && (!secondOpen || a.n >= b.n) ? first : second;
    }
    const current = side;
    const next = sample.find((example) => evaluator.known(current, example) === undefined);
    if (!next) throw new Error('race: nothing left to score');
    await evaluator.score(current, next);
  }
}
