import type { z } from 'zod';

export const SKILL_IDS = ['file-naming', 'code-linting', 'markdown-analysis', 'audio-actions'] as const;

export type SkillId = (typeof SKILL_IDS)[number];

/**
 * A built-in skill as data. `Output` is the shape the model produces under the JSON-schema grammar;
 * `Reference` is what feedback gives us to score against (an accepted output or a user's correction,
 * which may carry only some fields).
 */
export interface SkillDefinition<Input, Output, Reference> {
  readonly id: SkillId;
  readonly name: string;
  /** One paragraph; also handed to the prompt breeder as "the task". */
  readonly description: string;
  /** False for low-variation skills: monitored, evolved only when the user asks. */
  readonly evolveAutomatically: boolean;
  readonly inputSchema: z.ZodType<Input>;
  /**
   * Structure only (what the grammar guarantees). Parse model output with this, so an output that
   * breaks a format rule is still scored (low) instead of throwing.
   */
  readonly rawOutputSchema: z.ZodType<Output>;
  /** {@link rawOutputSchema} plus the format rules a grammar cannot express (kebab-case, lengths…). */
  readonly outputSchema: z.ZodType<Output>;
  readonly referenceSchema: z.ZodType<Reference>;
  /** The v1 template; contains `{{input}}` exactly once. */
  readonly promptV1: string;
  /** Suggested generation cap, in tokens, for one output of this skill. */
  readonly maxOutputTokens: number;
  /** The text that replaces `{{input}}`: compact, mirrors the examples in {@link promptV1}. */
  formatInput(input: Input): string;
  /** Pure and deterministic; 1 means "as good as the reference", in [0, 1]. */
  score(output: Output, reference: Reference): number;
}
