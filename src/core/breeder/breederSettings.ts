import { z } from 'zod';
import type { Config } from '../config';

/** The knobs of one run, frozen when it starts so a resumed run breeds under the same ones. */
export const breederSettingsSchema = z.object({
  population: z.int().min(2),
  generations: z.int().nonnegative(),
  evaluationSamples: z.int().positive(),
  finalSamples: z.int().positive(),
  /** Variants handed to the A/B test. */
  variants: z.int().min(1).max(5),
  /** Finalists kept before the judge screen (5 with the judge on, else `variants`). */
  keep: z.int().min(1),
  weights: z.object({
    direct: z.number(),
    first_order: z.number(),
    crossover: z.number(),
    zero_order: z.number(),
    hypermutation: z.number(),
    /** Runs stored before example policies were bred have none. */
    examples: z.number().default(0),
  }),
  maxCalls: z.int().positive(),
  maxMs: z.number().positive(),
});
export type BreederSettings = z.infer<typeof breederSettingsSchema>;

/** With the judge on, breed this many finalists and let it keep the best `variants` (DESIGN §4). */
export const JUDGE_FINALISTS = 5;

/**
 * Settings from config `breeder` plus the command line's overrides.
 *
 * @param overrides.variants - `--variants`. @default config breeder.variants_per_evolution (3)
 * @param overrides.maxCalls - `--budget-calls`. @default config breeder.max_calls (1000)
 */
export function breederSettingsFrom(
  config: Config,
  overrides: { variants?: number | undefined; maxCalls?: number | undefined; screened?: boolean } = {},
): BreederSettings {
  const b = config.breeder;
  const variants = overrides.variants ?? b.variants_per_evolution;
  return {
    population: b.population,
    generations: b.generations,
    evaluationSamples: b.evaluation_samples,
    finalSamples: b.final_evaluation_samples,
    variants,
    keep: overrides.screened ? Math.max(variants, JUDGE_FINALISTS) : variants,
    // The instruction classes share what the example-policy operators leave.
    weights: {
      direct: b.mutation_weights.direct * (1 - b.example_policy_share),
      first_order: b.mutation_weights.first_order * (1 - b.example_policy_share),
      crossover: b.mutation_weights.crossover * (1 - b.example_policy_share),
      zero_order: b.mutation_weights.zero_order * (1 - b.example_policy_share),
      hypermutation: b.mutation_weights.hypermutation * (1 - b.example_policy_share),
      examples: b.example_policy_share,
    },
    maxCalls: overrides.maxCalls ?? b.max_calls,
    maxMs: b.max_minutes * 60_000,
  };
}
