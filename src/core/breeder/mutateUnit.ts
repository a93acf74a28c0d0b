import {
  describeExamplePolicy,
  EXAMPLE_ORDERS,
  EXAMPLE_SELECTIONS,
  type ExamplePolicy,
  examplePolicyKey,
} from '../examples/examplePolicy';
import type { LanguageModel } from '../llm/languageModel';
import type { Rng } from '../rng';
import { type AnySkillDefinition, formatStoredInput } from '../skills/skillRegistry';
import { type BreederUnit, cleanInstruction } from './breederUnit';
import { type BreedingExample, contextBlock } from './breedingExamples';
import {
  clip,
  edaPrompt,
  edaRankPrompt,
  firstOrderHyperPrompt,
  firstOrderPrompt,
  lamarckianPrompt,
  lineagePrompt,
  MUTATOR_SYSTEM,
  repairPrompt,
  zeroOrderHyperPrompt,
  zeroOrderPrompt,
} from './mutatorPrompts';
import { CONTEXT_SHUFFLE_PROBABILITY, type Operator, weightedIndex } from './operatorWeights';
import type { RunBudget } from './runBudget';

/** Tokens the mutator may write: an instruction, not an essay (generation dominates a call). */
export const MUTATOR_MAX_TOKENS = 96;
/** Some randomness, so the same parent and operator give different children; seeded from the run's rng. */
export const MUTATOR_TEMPERATURE = 0.7;

export interface MutatorDeps {
  model: LanguageModel;
  skill: AnySkillDefinition;
  budget: RunBudget;
  rng: Rng;
  signal?: AbortSignal | undefined;
}

export interface MutationInput {
  operator: Operator;
  parent: BreederUnit;
  /** Current population with fitness (pessimistic), for EDA, crossover. */
  population: readonly { unit: BreederUnit; fitness: number }[];
  /** This run's successive best units, oldest first (lineage). */
  elites: readonly BreederUnit[];
  /** Examples with a good output (accepted or corrected), newest first. */
  examples: readonly BreedingExample[];
  /** The parent's lowest-scoring cached outputs with their examples, worst first. */
  parentFailures: readonly { example: BreedingExample; output: unknown }[];
  thinkingStyle: string;
  id: string;
  generation: number;
}

export interface Mutation {
  unit: BreederUnit | null;
  /** The mutation prompt in force (a hyper-mutated one when the operator rewrote it). */
  mutationPrompt: string;
}

/** One mutator call; every call is charged to the run's budget before it is made. */
export async function askMutator(
  deps: MutatorDeps,
  user: string,
  maxTokens = MUTATOR_MAX_TOKENS,
): Promise<string> {
  deps.budget.spend();
  const completion = await deps.model.complete({
    system: MUTATOR_SYSTEM,
    user,
    maxTokens,
    temperature: MUTATOR_TEMPERATURE,
    seed: Math.floor(deps.rng() * 2 ** 31),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  return completion.text;
}

/** An instruction must still ask for the JSON the grammar enforces; the v1 prompts end that way. */
export function withJsonRule(instruction: string): string {
  return /json/i.test(instruction) ? instruction : `${instruction}\nReply with JSON only.`;
}

function oneSentence(text: string): string | null {
  const line = cleanInstruction(text, 200);
  return line ? (line.split('\n')[0] ?? line).trim() : null;
}

function pick<T>(items: readonly T[], rng: Rng): T | undefined {
  return items[Math.floor(rng() * items.length)];
}

/** Line-wise recombination of two instructions (no model call): the head of one, the tail of the other. */
export function crossInstructions(a: string, b: string, rng: Rng): string {
  const split = (t: string) => {
    const lines = t.split('\n').filter((l) => l.trim() !== '');
    return lines.length > 1 ? lines : t.split(/(?<=\.)\s+/);
  };
  const la = split(a);
  const lb = split(b);
  const cutA = Math.max(1, Math.floor(la.length / 2));
  const cutB = Math.min(lb.length - 1, Math.floor(lb.length / 2) + (rng() < 0.5 ? 0 : 1));
  const lines = [...la.slice(0, cutA), ...lb.slice(Math.max(0, cutB))];
  return [...new Set(lines)].join(la.length > 1 ? '\n' : ' ');
}

/**
 * Replaces one few-shot block with a correct example not yet in the context (paper: context
 * shuffling), or adds one to an empty context. No model call.
 */
export function shuffleContext(
  context: readonly string[],
  skill: AnySkillDefinition,
  examples: readonly BreedingExample[],
  rng: Rng,
): string[] {
  const candidates = examples
    .map((e) => contextBlock(skill, e))
    .filter((b): b is string => b !== null && !context.includes(b));
  const block = pick(candidates, rng);
  if (!block) return [...context];
  if (context.length === 0) return [block];
  const next = [...context];
  next[Math.floor(rng() * next.length)] = block;
  return next;
}

/** The most examples a bred prompt shows: each costs prompt tokens on every call. */
export const BRED_MAX_EXAMPLES = 4;

type PolicyOperator = 'examples_count' | 'examples_selection' | 'examples_order' | 'examples_fixed';

export function isPolicyOperator(operator: Operator): operator is PolicyOperator {
  return operator.startsWith('examples_');
}

function other<T>(values: readonly T[], current: T, rng: Rng): T {
  const rest = values.filter((v) => v !== current);
  return rest[Math.floor(rng() * rest.length)] ?? current;
}

/**
 * A new example policy for the parent (no model call): one more or one fewer example, another way
 * of choosing them, another order, or a fixed set of the user's examples. The result always differs
 * from the parent's policy.
 */
export function mutatePolicy(
  operator: PolicyOperator,
  policy: ExamplePolicy,
  examples: readonly BreedingExample[],
  rng: Rng,
): ExamplePolicy {
  switch (operator) {
    case 'examples_count': {
      const up = policy.k === 0 || (policy.k < BRED_MAX_EXAMPLES && rng() < 0.5);
      return { ...policy, k: Math.max(0, Math.min(BRED_MAX_EXAMPLES, policy.k + (up ? 1 : -1))) };
    }
    case 'examples_selection': {
      const selection = other(EXAMPLE_SELECTIONS, policy.selection, rng);
      if (selection !== 'fixed') return { ...policy, selection, k: Math.max(1, policy.k) };
      return mutatePolicy('examples_fixed', policy, examples, rng);
    }
    case 'examples_order':
      return { ...policy, order: other(EXAMPLE_ORDERS, policy.order, rng), k: Math.max(1, policy.k) };
    case 'examples_fixed': {
      const good = examples.filter((e) => e.good !== null);
      const k = Math.max(1, Math.min(BRED_MAX_EXAMPLES, policy.k || 2, good.length));
      const current = examplePolicyKey(policy);
      // A few draws find another set when there is one; else the count changes instead.
      for (let attempt = 0; attempt < 8 && good.length > 0; attempt++) {
        const fixed = shuffled(good, rng)
          .slice(0, k)
          .map((e) => e.id);
        const next: ExamplePolicy = { ...policy, selection: 'fixed', k, fixed };
        if (examplePolicyKey(next) !== current) return next;
      }
      return mutatePolicy('examples_count', policy, examples, rng);
    }
    default:
      return operator satisfies never;
  }
}

async function newInstruction(
  deps: MutatorDeps,
  input: MutationInput,
  mutationPrompt: string,
): Promise<string | null> {
  const { parent, population, skill } = { ...input, skill: deps.skill };
  switch (input.operator) {
    case 'zero_order':
      return cleanInstruction(`- ${await askMutator(deps, zeroOrderPrompt(skill.description))}`);
    case 'first_order':
    case 'zero_order_hyper':
    case 'first_order_hyper':
      return cleanInstruction(await askMutator(deps, firstOrderPrompt(mutationPrompt, parent.instruction)));
    case 'eda': {
      const listed = population.map((p) => p.unit.instruction).filter((t) => t.trim() !== '');
      return cleanInstruction(
        await askMutator(deps, edaPrompt(skill.description, shuffled(listed, deps.rng).slice(0, 4))),
      );
    }
    case 'eda_rank_index': {
      const ascending = [...population].sort((a, b) => a.fitness - b.fitness).map((p) => p.unit.instruction);
      return cleanInstruction(await askMutator(deps, edaRankPrompt(mutationPrompt, ascending.slice(-4))));
    }
    case 'lineage': {
      const elites = input.elites.map((u) => u.instruction).slice(-4);
      if (elites.length < 2)
        return cleanInstruction(await askMutator(deps, firstOrderPrompt(mutationPrompt, parent.instruction)));
      return cleanInstruction(await askMutator(deps, lineagePrompt(elites)));
    }
    case 'prompt_crossover': {
      const others = population.filter((p) => p.unit.id !== parent.id);
      const other =
        others[
          weightedIndex(
            others.map((p) => p.fitness + 0.01),
            deps.rng,
          )
        ];
      return other ? crossInstructions(parent.instruction, other.unit.instruction, deps.rng) : null;
    }
    case 'failure_repair': {
      const failures = input.parentFailures.slice(0, 2).map((f) => ({
        input: formatStoredInput(skill, f.example.input),
        given: JSON.stringify(f.output),
        wanted: JSON.stringify(f.example.reference ?? f.example.good),
      }));
      if (failures.length === 0) return null;
      return cleanInstruction(await askMutator(deps, repairPrompt(parent.instruction, failures)));
    }
    case 'examples_count':
    case 'examples_selection':
    case 'examples_order':
    case 'examples_fixed':
      return parent.instruction;
    case 'lamarckian': {
      const pairs = shuffled(input.examples.filter((e) => e.good !== null).slice(0, 6), deps.rng)
        .slice(0, 3)
        .map((e) => ({ input: formatStoredInput(skill, e.input), answer: JSON.stringify(e.good) }));
      if (pairs.length === 0) return null;
      return cleanInstruction(await askMutator(deps, lamarckianPrompt(pairs)));
    }
    default:
      return input.operator satisfies never;
  }
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function reasoningFor(input: MutationInput, mutationPrompt: string, shuffledContext: boolean): string {
  const p = input.parent.id;
  const base = {
    zero_order: 'fresh hints from the skill description',
    first_order: `${p} rewritten: "${clip(mutationPrompt, 60)}"`,
    zero_order_hyper: `new mutation prompt from the description, then applied to ${p}: "${clip(mutationPrompt, 60)}"`,
    first_order_hyper: `${p}'s mutation prompt improved, then applied: "${clip(mutationPrompt, 60)}"`,
    eda: 'continues a list of the population’s instructions',
    eda_rank_index: 'continues the population ranked by fitness',
    lineage: 'continues the run’s line of best prompts',
    prompt_crossover: `${p} crossed with another unit`,
    failure_repair: `${p} repaired from ${Math.min(2, input.parentFailures.length)} failures with the user’s corrections`,
    lamarckian: 'instruction inferred from answers the user accepted or corrected to',
    examples_count: `${p} with another number of your examples`,
    examples_selection: `${p} with its examples chosen another way`,
    examples_order: `${p} with its examples in another order`,
    examples_fixed: `${p} with a fixed set of your examples`,
  }[input.operator];
  return shuffledContext ? `${base}; one example swapped` : base;
}

/**
 * Makes a child of `parent` with one operator. Hyper-mutation first rewrites the mutation prompt
 * (zero-order: from the description and a thinking style; first-order: from the parent's), then
 * applies it. The child's instruction never carries a placeholder (see cleanInstruction); a mutator
 * answer with nothing usable gives `unit: null`.
 */
export async function mutateUnit(deps: MutatorDeps, input: MutationInput): Promise<Mutation> {
  const operator = input.operator;
  if (isPolicyOperator(operator)) {
    const examples = mutatePolicy(operator, input.parent.examples, input.examples, deps.rng);
    return {
      mutationPrompt: input.parent.mutationPrompt,
      unit: {
        ...input.parent,
        id: input.id,
        examples,
        operator,
        parent: input.parent.id,
        reasoning: `${input.parent.id} showing ${describeExamplePolicy(examples)}`,
        born: input.generation,
      },
    };
  }
  let mutationPrompt = input.parent.mutationPrompt;
  if (input.operator === 'zero_order_hyper') {
    mutationPrompt =
      oneSentence(
        await askMutator(deps, zeroOrderHyperPrompt(input.thinkingStyle, deps.skill.description), 48),
      ) ?? mutationPrompt;
  } else if (input.operator === 'first_order_hyper') {
    mutationPrompt =
      oneSentence(await askMutator(deps, firstOrderHyperPrompt(mutationPrompt), 48)) ?? mutationPrompt;
  }
  const instruction = await newInstruction(deps, input, mutationPrompt);
  if (instruction === null) return { unit: null, mutationPrompt };
  const shuffle = deps.rng() < CONTEXT_SHUFFLE_PROBABILITY;
  const context = shuffle
    ? shuffleContext(input.parent.context, deps.skill, input.examples, deps.rng)
    : [...input.parent.context];
  return {
    mutationPrompt,
    unit: {
      id: input.id,
      instruction: withJsonRule(instruction),
      context,
      inputBlock: input.parent.inputBlock,
      examples: input.parent.examples,
      mutationPrompt,
      operator: input.operator,
      parent: input.parent.id,
      reasoning: reasoningFor(input, mutationPrompt, shuffle),
      born: input.generation,
      ...(input.parent.origin === undefined ? {} : { origin: input.parent.origin }),
    },
  };
}
