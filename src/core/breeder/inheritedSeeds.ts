import { describeExamplePolicy, type ExamplePolicy, examplePolicyKey } from '../examples/examplePolicy';
import type { EvolutionLesson } from '../store/knowledgeRepository';
import { type BreederUnit, splitTemplate } from './breederUnit';
import { isNearDuplicate } from './diversityFilter';
import { applyStructure, describeStructure, structureOf } from './instructionStructure';
import type { SuccessCount } from './operatorWeights';

/** Where an inherited idea came from, as history shows it: `file-naming v3`, or the run's session. */
export function lessonLabel(lesson: Pick<EvolutionLesson, 'skill' | 'promotedVersion' | 'session'>): string {
  return lesson.promotedVersion !== null
    ? `${lesson.skill} v${lesson.promotedVersion}`
    : `${lesson.skill} session ${lesson.session}`;
}

/** The instruction a lesson lends: the promoted version's when there is one, else the run's best. */
function lessonInstruction(lesson: EvolutionLesson): string | null {
  if (lesson.promotedTemplate !== null) {
    try {
      return splitTemplate(lesson.promotedTemplate).instruction;
    } catch {
      return lesson.instruction;
    }
  }
  return lesson.instruction;
}

/** Promoted first, then by how much the run's best beat its original; `null` without a winner. */
export function bestLesson(lessons: readonly EvolutionLesson[]): EvolutionLesson | null {
  const gain = (l: EvolutionLesson) => (l.fitness ?? 0) - (l.originalFitness ?? 0);
  const usable = lessons.filter((l) => lessonInstruction(l) !== null || l.examplePolicy !== null);
  return (
    [...usable].sort(
      (a, b) => Number(b.promotedVersion !== null) - Number(a.promotedVersion !== null) || gain(b) - gain(a),
    )[0] ?? null
  );
}

/** A policy of another skill's tasks cannot name this skill's: a fixed set becomes the most similar. */
function portablePolicy(policy: ExamplePolicy): ExamplePolicy {
  return policy.selection === 'fixed'
    ? { k: Math.max(1, policy.k), selection: 'similar', order: policy.order, fixed: [] }
    : { ...policy, fixed: [] };
}

/**
 * Call-free seeds from another skill's best lesson, adapted to this skill: the original's own task
 * line and rules (which name its schema's fields, and keep its `{{input}}` block) in the winner's
 * structure, and the example policy that won there. Each records its origin.
 */
export function inheritedSeeds(
  original: BreederUnit,
  lesson: EvolutionLesson | null,
  styles: readonly string[],
  firstSlot: number,
  limit: number,
): BreederUnit[] {
  if (!lesson || limit <= 0) return [];
  const from = lessonLabel(lesson);
  const source = lessonInstruction(lesson);
  const structure = source === null ? null : structureOf(source, styles);
  const instruction = structure ? applyStructure(original.instruction, structure, styles) : null;
  const policy = lesson.examplePolicy ? portablePolicy(lesson.examplePolicy) : null;
  const newPolicy =
    policy && examplePolicyKey(policy) !== examplePolicyKey(original.examples) ? policy : null;
  const units: BreederUnit[] = [];
  const add = (parts: Partial<BreederUnit>, reasoning: string, origin: string) => {
    const unit: BreederUnit = {
      ...original,
      ...parts,
      id: `u${firstSlot + units.length}`,
      operator: 'inherited',
      parent: original.id,
      reasoning,
      origin,
      born: 0,
    };
    if (
      units.length < limit &&
      !units.some((u) => isNearDuplicate(u, unit)) &&
      !isNearDuplicate(unit, original)
    )
      units.push(unit);
  };
  if (instruction && structure) {
    const shape = describeStructure(structure);
    add({ instruction }, `the original in the structure of ${from}: ${shape}`, `structure from ${from}`);
    if (newPolicy)
      add(
        { instruction, examples: newPolicy },
        `the original in the structure of ${from} (${shape}), showing ${describeExamplePolicy(newPolicy)}`,
        `structure and example policy from ${from}`,
      );
  }
  if (newPolicy)
    add(
      { examples: newPolicy },
      `the original showing ${describeExamplePolicy(newPolicy)}, the policy that won in ${from}`,
      `example policy from ${from}`,
    );
  return units;
}

/** Every other skill's operator outcomes summed: the prior a skill without history starts from. */
export function inheritedOperatorStats(lessons: readonly EvolutionLesson[]): Map<string, SuccessCount> {
  const out = new Map<string, SuccessCount>();
  for (const lesson of lessons)
    for (const [operator, count] of Object.entries(lesson.operators)) {
      const seen = out.get(operator) ?? { tries: 0, improvements: 0 };
      out.set(operator, {
        tries: seen.tries + count.tries,
        improvements: seen.improvements + count.improvements,
      });
    }
  return out;
}
