import { describeExamplePolicy, type ExamplePolicy, examplePolicyKey } from '../examples/examplePolicy';
import type { BreederUnit } from './breederUnit';
import { cleanInstruction } from './breederUnit';
import { isNearDuplicate } from './diversityFilter';
import { askMutator, type MutatorDeps, withJsonRule } from './mutateUnit';
import { initialPrompt } from './mutatorPrompts';
import { type SuccessCount, successRate, weightedIndex } from './operatorWeights';
import { BudgetExhaustedError } from './runBudget';

/** The shared population a run draws from (see knowledgeRepository), with where learned ones came from. */
export interface MutatorPopulation {
  mutationPrompts: readonly string[];
  thinkingStyles: readonly string[];
  /** Text → `hyper-mutated in file-naming`, for the learned ones only. */
  origins: ReadonlyMap<string, string>;
}

/**
 * A call-free seed: the thinking style in front of the original instruction with two adjacent rules
 * left out (another pair per slot), so fallbacks differ from the original and from each other by more
 * than the diversity filter's threshold (one short rule less would not).
 */
export function fallbackUnit(
  original: BreederUnit,
  slot: number,
  style: string,
  mutationPrompt: string,
): BreederUnit {
  const lines = original.instruction.split('\n');
  const rules = lines.flatMap((line, i) => (i > 0 && i < lines.length - 1 && line.length >= 15 ? [i] : []));
  const start =
    rules.length >= 2 ? (((slot - 1) % (rules.length - 1)) + rules.length - 1) % (rules.length - 1) : -1;
  const dropped = start >= 0 ? [rules[start], rules[start + 1]] : [];
  return {
    id: `u${slot}`,
    instruction: [style, ...lines.filter((_, i) => !dropped.includes(i))].join('\n'),
    context: [...original.context],
    inputBlock: original.inputBlock,
    examples: original.examples,
    mutationPrompt,
    operator: 'initial',
    parent: original.id,
    reasoning:
      dropped.length > 0
        ? `the original with "${style}" in front and two rules left out`
        : `the original with "${style}" in front`,
    born: 0,
  };
}

/**
 * The original instruction under other example policies (no model call): without examples, with
 * fewer or more of the most similar ones, with the most recent. For a 135M–360M model the examples
 * shown move accuracy more than rewording (see the learning notes), so these always compete.
 */
export function policySeeds(original: BreederUnit, firstSlot: number, limit: number): BreederUnit[] {
  const k = original.examples.k;
  const candidates: ExamplePolicy[] = [
    { k: 0, selection: 'similar', order: 'best-last', fixed: [] },
    { k: Math.max(1, k - 1), selection: 'similar', order: 'best-last', fixed: [] },
    { k: Math.min(4, k + 1), selection: 'similar', order: 'best-last', fixed: [] },
    { k: Math.max(1, k), selection: 'recent', order: 'best-last', fixed: [] },
  ];
  const seen = new Set([examplePolicyKey(original.examples)]);
  const units: BreederUnit[] = [];
  for (const examples of candidates) {
    if (units.length >= limit || seen.has(examplePolicyKey(examples))) continue;
    seen.add(examplePolicyKey(examples));
    units.push({
      ...original,
      id: `u${firstSlot + units.length}`,
      examples,
      operator: 'initial',
      parent: original.id,
      reasoning: `the original showing ${describeExamplePolicy(examples)}`,
      born: 0,
    });
  }
  return units;
}

/**
 * Fills the population up to `size`: the original first, the units inherited from other skills, its {@link policySeeds}, then one unit per mutator call from the skill's
 * description, a thinking style (taken in turn) and a mutation prompt (drawn by its recorded success rate).
 * Units keep the original's few-shot context. An unusable or duplicate answer, or a spent budget,
 * gives a call-free {@link fallbackUnit} so the
 * tournament always has a full population. `onUnit` sees the population after each addition (it
 * is stored then, so a killed run does not redo those calls).
 */
export async function seedPopulation(options: {
  deps: MutatorDeps;
  original: BreederUnit;
  /** Units already made (a resumed run); starts with the original. */
  population: readonly BreederUnit[];
  size: number;
  mutationPromptStats: ReadonlyMap<string, SuccessCount>;
  mutators: MutatorPopulation;
  /** Call-free units adapted from other skills' lessons (see inheritedSeeds), placed after the original. */
  inherited?: readonly BreederUnit[] | undefined;
  onUnit: (population: readonly BreederUnit[]) => void;
}): Promise<BreederUnit[]> {
  const { deps, original, size, mutators } = options;
  const drawPrompt = () =>
    mutators.mutationPrompts[
      weightedIndex(
        mutators.mutationPrompts.map((p) => successRate(options.mutationPromptStats.get(p))),
        deps.rng,
      )
    ] ?? '';
  const units = [...options.population];
  if (units.length === 1) {
    const inherited = (options.inherited ?? []).slice(0, Math.max(0, size - 1));
    units.push(...inherited.map((u, i) => ({ ...u, id: `u${1 + i}` })));
    const seeds = policySeeds(original, 0, size - 1).filter((s) => !units.some((u) => isNearDuplicate(u, s)));
    units.push(...seeds.slice(0, size - units.length).map((u, i) => ({ ...u, id: `u${units.length + i}` })));
    // Call-free seeds get a mutation prompt too, so first-order mutations of them use (and rate) one.
    for (const [i, u] of units.entries())
      if (i > 0 && u.mutationPrompt === '') {
        const mutationPrompt = drawPrompt();
        const borrowed = mutators.origins.get(mutationPrompt);
        units[i] = {
          ...u,
          mutationPrompt,
          ...(borrowed && u.origin === undefined ? { origin: `mutation prompt ${borrowed}` } : {}),
        };
      }
    options.onUnit(units);
  }
  const styles = mutators.thinkingStyles;
  const offset = Math.floor(deps.rng() * styles.length);
  let budgetLeft = true;
  for (let slot = units.length; slot < size; slot++) {
    const style = styles[(offset + slot) % styles.length] ?? '';
    const mutationPrompt = drawPrompt();
    const borrowed = mutators.origins.get(mutationPrompt);
    let instruction: string | null = null;
    if (budgetLeft) {
      try {
        instruction = cleanInstruction(
          await askMutator(deps, initialPrompt(mutationPrompt, style, deps.skill.description)),
        );
      } catch (error) {
        if (!(error instanceof BudgetExhaustedError)) throw error;
        budgetLeft = false;
      }
    }
    const generated: BreederUnit | null =
      instruction === null
        ? null
        : {
            id: `u${slot}`,
            instruction: withJsonRule(instruction),
            context: [...original.context],
            inputBlock: original.inputBlock,
            examples: original.examples,
            mutationPrompt,
            operator: 'initial',
            parent: null,
            reasoning: `from the skill description, "${style}"${borrowed ? ` (mutation prompt ${borrowed})` : ''}`,
            born: 0,
            ...(borrowed ? { origin: `mutation prompt ${borrowed}` } : {}),
          };
    const usable = generated !== null && !units.some((u) => isNearDuplicate(generated, u));
    units.push(usable && generated ? generated : fallbackUnit(original, slot, style, mutationPrompt));
    options.onUnit(units);
  }
  return units;
}
