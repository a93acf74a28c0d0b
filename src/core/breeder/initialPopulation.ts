import { describeExamplePolicy, type ExamplePolicy, examplePolicyKey } from '../examples/examplePolicy';
import type { BreederUnit } from './breederUnit';
import { cleanInstruction } from './breederUnit';
import { isNearDuplicate } from './diversityFilter';
import { askMutator, type MutatorDeps, withJsonRule } from './mutateUnit';
import { MUTATION_PROMPTS } from './mutationPrompts';
import { initialPrompt } from './mutatorPrompts';
import { type SuccessCount, successRate, weightedIndex } from './operatorWeights';
import { BudgetExhaustedError } from './runBudget';
import { THINKING_STYLES } from './thinkingStyles';

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
 * Fills the population up to `size`: the original first, its {@link policySeeds}, then one unit per mutator call from the skill's
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
  onUnit: (population: readonly BreederUnit[]) => void;
}): Promise<BreederUnit[]> {
  const { deps, original, size } = options;
  const units = [...options.population];
  if (units.length === 1) {
    units.push(...policySeeds(original, 1, size - 1));
    options.onUnit(units);
  }
  const offset = Math.floor(deps.rng() * THINKING_STYLES.length);
  let budgetLeft = true;
  for (let slot = units.length; slot < size; slot++) {
    const style = THINKING_STYLES[(offset + slot) % THINKING_STYLES.length] ?? '';
    const mutationPrompt =
      MUTATION_PROMPTS[
        weightedIndex(
          MUTATION_PROMPTS.map((p) => successRate(options.mutationPromptStats.get(p))),
          deps.rng,
        )
      ] ?? '';
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
            reasoning: `from the skill description, "${style}"`,
            born: 0,
          };
    const usable = generated !== null && !units.some((u) => isNearDuplicate(generated, u));
    units.push(usable && generated ? generated : fallbackUnit(original, slot, style, mutationPrompt));
    options.onUnit(units);
  }
  return units;
}
