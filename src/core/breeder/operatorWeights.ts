import type { Rng } from '../rng';

/**
 * The seed's five weighted classes of instruction operators (config `breeder.mutation_weights`), and
 * `examples`: the operators over a prompt's example policy (config `breeder.example_policy_share`).
 */
export const OPERATOR_CLASSES = [
  'direct',
  'first_order',
  'crossover',
  'zero_order',
  'hypermutation',
  'examples',
] as const;
export type OperatorClass = (typeof OPERATOR_CLASSES)[number];

/**
 * The operators of Fernando et al. 2023 under the seed's classes. `failure_repair` is the GEPA-style
 * reflective step; `lamarckian` (accepted outputs → an instruction that would produce them) sits with
 * it because both learn from the user's feedback. Context shuffling is not a class of its own: like
 * in the paper it follows any mutation with a small probability ({@link CONTEXT_SHUFFLE_PROBABILITY}).
 * The `examples` operators change which bank examples the prompt shows (how many, chosen how, in
 * what order, or a fixed set) and keep the instruction; they need no model call.
 */
export const OPERATORS_BY_CLASS = {
  direct: ['failure_repair', 'lamarckian'],
  first_order: ['first_order'],
  crossover: ['prompt_crossover', 'eda', 'eda_rank_index', 'lineage'],
  zero_order: ['zero_order'],
  hypermutation: ['zero_order_hyper', 'first_order_hyper'],
  examples: ['examples_count', 'examples_selection', 'examples_order', 'examples_fixed'],
} as const satisfies Record<OperatorClass, readonly string[]>;
export type Operator = (typeof OPERATORS_BY_CLASS)[OperatorClass][number];

export const ALL_OPERATORS: readonly Operator[] = OPERATOR_CLASSES.flatMap((c) => OPERATORS_BY_CLASS[c]);

/** Paper: context shuffling 10% of the time. */
export const CONTEXT_SHUFFLE_PROBABILITY = 0.1;

/** Recorded mutations of a skill needed before its own success rates steer the weights. */
export const HISTORY_MIN_MUTATIONS = 20;

/** No class is ever starved: its share stays at least this. */
export const MIN_CLASS_WEIGHT = 0.02;

export function classOf(operator: Operator): OperatorClass {
  const found = OPERATOR_CLASSES.find((c) => (OPERATORS_BY_CLASS[c] as readonly string[]).includes(operator));
  if (!found) throw new Error(`unknown operator ${operator}`);
  return found;
}

export function isOperator(value: string): value is Operator {
  return (ALL_OPERATORS as readonly string[]).includes(value);
}

/** Tries and fitter children per key (an operator or a mutation prompt). */
export interface SuccessCount {
  tries: number;
  improvements: number;
}

/** Laplace-smoothed rate: 1/2 with no data, so a fresh arm is neither favoured nor dropped. */
export function successRate(count: SuccessCount | undefined): number {
  return (1 + (count?.improvements ?? 0)) / (2 + (count?.tries ?? 0));
}

/**
 * The class weights a run uses. Without history they are the config's; once the skill has
 * {@link HISTORY_MIN_MUTATIONS} recorded mutations each weight is multiplied by its class's smoothed
 * success rate (a simple bandit over operators), renormalised, and floored at {@link MIN_CLASS_WEIGHT}.
 */
export function adaptedClassWeights(
  base: Record<OperatorClass, number>,
  byOperator: ReadonlyMap<string, SuccessCount>,
): Record<OperatorClass, number> {
  const total = [...byOperator.values()].reduce((sum, c) => sum + c.tries, 0);
  const raw = Object.fromEntries(
    OPERATOR_CLASSES.map((c) => {
      if (total < HISTORY_MIN_MUTATIONS) return [c, base[c]];
      const merged = OPERATORS_BY_CLASS[c].reduce<SuccessCount>(
        (acc, op) => {
          const count = byOperator.get(op);
          return {
            tries: acc.tries + (count?.tries ?? 0),
            improvements: acc.improvements + (count?.improvements ?? 0),
          };
        },
        { tries: 0, improvements: 0 },
      );
      return [c, base[c] * successRate(merged)];
    }),
  ) as Record<OperatorClass, number>;
  return normaliseWithFloor(raw, MIN_CLASS_WEIGHT);
}

function normaliseWithFloor(
  weights: Record<OperatorClass, number>,
  floor: number,
): Record<OperatorClass, number> {
  const sum = OPERATOR_CLASSES.reduce((s, c) => s + weights[c], 0);
  const shares = OPERATOR_CLASSES.map((c) =>
    Math.max(floor, sum > 0 ? weights[c] / sum : 1 / OPERATOR_CLASSES.length),
  );
  const again = shares.reduce((s, w) => s + w, 0);
  return Object.fromEntries(OPERATOR_CLASSES.map((c, i) => [c, (shares[i] ?? 0) / again])) as Record<
    OperatorClass,
    number
  >;
}

/** Index drawn with probability proportional to its weight (all zero: uniform). */
export function weightedIndex(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (total <= 0) return Math.min(weights.length - 1, Math.floor(rng() * weights.length));
  let x = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= Math.max(0, weights[i] ?? 0);
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Picks the next operator: a class by weight, then an operator of that class by its smoothed
 * success rate (uniform without history).
 */
export function chooseOperator(
  classWeights: Record<OperatorClass, number>,
  byOperator: ReadonlyMap<string, SuccessCount>,
  rng: Rng,
): Operator {
  const cls =
    OPERATOR_CLASSES[
      weightedIndex(
        OPERATOR_CLASSES.map((c) => classWeights[c]),
        rng,
      )
    ] ?? 'first_order';
  const members: readonly Operator[] = OPERATORS_BY_CLASS[cls];
  const pick =
    members[
      weightedIndex(
        members.map((op) => successRate(byOperator.get(op))),
        rng,
      )
    ];
  return pick ?? 'first_order';
}
