import { createHash } from 'node:crypto';
import { describeExamplePolicy, type ExamplePolicy, examplePolicyKey } from '../examples/examplePolicy';

/** What a prompt version (or an A/B arm, or a breeder unit) runs: its instruction template and example policy. */
export interface Prompt {
  /** Contains `{{input}}` exactly once. */
  template: string;
  examples: ExamplePolicy;
}

/** Stable identity of a prompt: equal for the same template and policy. */
export function promptKey(prompt: Prompt): string {
  return `${examplePolicyKey(prompt.examples)}\n${prompt.template}`;
}

/** Short hash of a template, for the fitness cache (which keys the demonstrations shown beside it). */
export function templateHash(template: string): string {
  return createHash('sha256').update(template).digest('hex').slice(0, 32);
}

/**
 * A prompt as people read it (prompt files, diffs): its example policy on the first line, then the
 * template, so a change of either shows in a line diff.
 */
export function readablePrompt(prompt: Prompt): string {
  return `examples: ${describeExamplePolicy(prompt.examples)}\n\n${prompt.template}`;
}
