import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BreedingExample } from '../../../src/core/breeder/breedingExamples';
import { policySeeds } from '../../../src/core/breeder/initialPopulation';
import { BRED_MAX_EXAMPLES, mutatePolicy } from '../../../src/core/breeder/mutateUnit';
import {
  DEFAULT_EXAMPLE_POLICY,
  EXAMPLE_ORDERS,
  EXAMPLE_SELECTIONS,
  examplePolicyKey,
  examplePolicySchema,
} from '../../../src/core/examples/examplePolicy';
import { seededRng } from '../../../src/core/rng';

const examples: BreedingExample[] = ['t1', 't2', 't3'].map((id) => ({
  id,
  input: {},
  kind: 'failure',
  reference: {},
  rejected: null,
  good: { filename: `${id}.txt` },
}));
const operators = ['examples_count', 'examples_selection', 'examples_order', 'examples_fixed'] as const;

describe('example-policy operators', () => {
  it('always give a valid policy that differs from the parent’s (property)', () => {
    const policy = fc.record({
      k: fc.integer({ min: 0, max: BRED_MAX_EXAMPLES }),
      selection: fc.constantFrom(...EXAMPLE_SELECTIONS),
      order: fc.constantFrom(...EXAMPLE_ORDERS),
      fixed: fc.constant<string[]>(['t1']),
    });
    fc.assert(
      fc.property(policy, fc.constantFrom(...operators), fc.integer(), (parent, operator, seed) => {
        const child = mutatePolicy(operator, parent, examples, seededRng(seed));
        expect(examplePolicySchema.safeParse(child).success).toBe(true);
        expect(child.k).toBeLessThanOrEqual(BRED_MAX_EXAMPLES);
        expect(examplePolicyKey(child)).not.toBe(examplePolicyKey(parent));
        if (child.selection === 'fixed')
          for (const id of child.fixed) expect(['t1', 't2', 't3']).toContain(id);
      }),
    );
  });

  it('seeds the population with the original under other policies, all distinct', () => {
    const original = {
      id: 'u0',
      instruction: 'Name files.',
      context: [],
      inputBlock: '{{input}}',
      examples: DEFAULT_EXAMPLE_POLICY,
      mutationPrompt: '',
      operator: 'original',
      parent: null,
      reasoning: '',
      born: 0,
    };
    const seeds = policySeeds(original, 1, 10);
    expect(seeds.map((u) => u.id)).toEqual(seeds.map((_, i) => `u${i + 1}`));
    const keys = [original, ...seeds].map((u) => examplePolicyKey(u.examples));
    expect(new Set(keys).size).toBe(keys.length);
    expect(seeds.every((u) => u.instruction === original.instruction)).toBe(true);
    expect(policySeeds(original, 1, 2)).toHaveLength(2);
  });
});
