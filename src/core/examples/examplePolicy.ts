import { z } from 'zod';

/**
 * How a prompt version picks its demonstrations from the skill's example bank:
 * - `similar`: the examples whose inputs are most like the task's (full-text BM25 over the inputs);
 * - `recent`: the newest ones;
 * - `fixed`: the listed tasks' examples, whatever the input.
 */
export const EXAMPLE_SELECTIONS = ['similar', 'recent', 'fixed'] as const;
export type ExampleSelection = (typeof EXAMPLE_SELECTIONS)[number];

/**
 * Where the best example sits: `best-last` puts the most relevant one right before the task (a small
 * model follows the nearest turn most), `best-first` the other way round, `oldest-first` by date.
 */
export const EXAMPLE_ORDERS = ['best-last', 'best-first', 'oldest-first'] as const;
export type ExampleOrder = (typeof EXAMPLE_ORDERS)[number];

/** More demonstrations cost prompt tokens on every call and rarely help a 135M–360M model. */
export const MAX_EXAMPLES = 6;

export const examplePolicySchema = z.object({
  k: z.int().min(0).max(MAX_EXAMPLES),
  selection: z.enum(EXAMPLE_SELECTIONS),
  order: z.enum(EXAMPLE_ORDERS),
  /** Task ids of the examples a `fixed` policy shows, in order. */
  fixed: z.array(z.string().min(1)).max(MAX_EXAMPLES).default([]),
});
export type ExamplePolicy = z.infer<typeof examplePolicySchema>;

/**
 * The policy of every built-in v1 prompt: the two most similar examples, the most similar last.
 * Chosen with `bench:learn` (k 1–3, similar vs recent) on the 135M model; see the README.
 */
export const DEFAULT_EXAMPLE_POLICY: ExamplePolicy = Object.freeze({
  k: 2,
  selection: 'similar',
  order: 'best-last',
  fixed: [],
}) as ExamplePolicy;

export const NO_EXAMPLES: ExamplePolicy = Object.freeze({
  k: 0,
  selection: 'similar',
  order: 'best-last',
  fixed: [],
}) as ExamplePolicy;

/** A stored policy; a missing or unreadable one (a hand-edited row) is the default. */
export function parseExamplePolicy(value: unknown): ExamplePolicy {
  const parsed = examplePolicySchema.safeParse(value);
  return parsed.success ? parsed.data : { ...DEFAULT_EXAMPLE_POLICY, fixed: [] };
}

/** One line for people: history, diffs, prompt files. */
export function describeExamplePolicy(policy: ExamplePolicy): string {
  if (policy.k === 0 || (policy.selection === 'fixed' && policy.fixed.length === 0)) return 'no examples';
  const order = { 'best-last': 'best last', 'best-first': 'best first', 'oldest-first': 'oldest first' }[
    policy.order
  ];
  switch (policy.selection) {
    case 'similar':
      return `${policy.k} most similar ${plural(policy.k)}, ${order}`;
    case 'recent':
      return `${policy.k} most recent ${plural(policy.k)}, ${order}`;
    case 'fixed':
      return `${Math.min(policy.k, policy.fixed.length)} fixed ${plural(policy.fixed.length)} (${policy.fixed
        .slice(0, policy.k)
        .join(', ')})`;
    default:
      return policy.selection satisfies never;
  }
}

function plural(n: number): string {
  return n === 1 ? 'example' : 'examples';
}

/** Stable text of a policy, for hashes and equality. */
export function examplePolicyKey(policy: ExamplePolicy): string {
  return JSON.stringify([policy.k, policy.selection, policy.order, policy.fixed]);
}
