import { type ExamplePolicy, examplePolicyKey } from '../examples/examplePolicy';
import type { UnitParts } from './breederUnit';

/** Word-shingle Jaccard at or above which two instructions count as the same prompt. */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;

function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (words.length < 2) return new Set(words);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** Jaccard similarity of word bigrams, in [0, 1]; two empty texts are identical. */
export function textSimilarity(a: string, b: string): number {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
}

type Comparable = UnitParts & { examples?: ExamplePolicy };

/**
 * Whether two units would put the same prompt in front of the user. Instruction and few-shot context
 * are compared separately: units share most of their context, so a whole-template comparison would
 * call every pair a duplicate; a new instruction, a changed set of examples or another example
 * policy all make a real variant.
 */
export function isNearDuplicate(
  a: Comparable,
  b: Comparable,
  threshold = NEAR_DUPLICATE_SIMILARITY,
): boolean {
  if (a.examples && b.examples && examplePolicyKey(a.examples) !== examplePolicyKey(b.examples)) return false;
  return (
    textSimilarity(a.instruction, b.instruction) >= threshold &&
    textSimilarity(a.context.join('\n'), b.context.join('\n')) >= threshold
  );
}

/**
 * Keeps units in the given order (best first), dropping each one that is a near-duplicate of an
 * `exclude` unit (the original prompt) or of one already kept.
 */
export function diverseSubset<T extends Comparable>(
  ranked: readonly T[],
  exclude: readonly Comparable[],
  limit = Number.POSITIVE_INFINITY,
): T[] {
  const kept: T[] = [];
  for (const unit of ranked) {
    if (kept.length >= limit) break;
    if (exclude.some((other) => isNearDuplicate(unit, other))) continue;
    if (kept.some((other) => isNearDuplicate(unit, other))) continue;
    kept.push(unit);
  }
  return kept;
}
