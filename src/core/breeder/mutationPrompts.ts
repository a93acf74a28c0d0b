/**
 * Seed mutation prompts: instructions for rewriting an instruction (our own list). Hyper-mutation
 * rewrites these too, so a run's mutation prompts can drift from this list; every one used is
 * recorded with its success rate.
 */
export const MUTATION_PROMPTS: readonly string[] = [
  'Rewrite the instruction so it is clearer and shorter.',
  'Make the instruction more specific about what a good answer contains.',
  'Rewrite the instruction as a short numbered list of rules.',
  'Add one rule that would prevent a common mistake.',
  'Say the same thing in simpler words.',
  'Rewrite the instruction for a careful expert.',
  'Remove anything unnecessary from the instruction.',
  'Put the most important rule first.',
  'Rewrite the instruction to stress using details from the content.',
  'Change the wording but keep every rule.',
];
