/**
 * Splits text into lowercase word tokens: camelCase, snake_case, kebab-case and spaces all separate
 * words, so `IMG_0193`, `formatBytes` and `format-bytes` compare on the same footing.
 */
export function tokenize(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * Harmonic mean of precision and recall given the matched mass and the two sizes. Two empty sides
 * agree perfectly (1); one empty side against a non-empty one scores 0.
 */
export function f1FromCounts(matched: number, predicted: number, reference: number): number {
  if (predicted === 0 && reference === 0) return 1;
  if (predicted === 0 || reference === 0 || matched <= 0) return 0;
  const precision = matched / predicted;
  const recall = matched / reference;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Multiset token F1 (SQuAD-style): a token repeated twice in the reference must appear twice in the
 * prediction to be fully matched. Order is ignored.
 */
export function tokenF1(predicted: readonly string[], reference: readonly string[]): number {
  const remaining = new Map<string, number>();
  for (const token of reference) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let matched = 0;
  for (const token of predicted) {
    const left = remaining.get(token) ?? 0;
    if (left > 0) {
      matched += 1;
      remaining.set(token, left - 1);
    }
  }
  return f1FromCounts(matched, predicted.length, reference.length);
}

/** Token F1 of two free texts, see {@link tokenize} and {@link tokenF1}. */
export function textF1(predicted: string, reference: string): number {
  return tokenF1(tokenize(predicted), tokenize(reference));
}

/**
 * Soft F1 between two item lists under a one-to-one matching: pairs are taken greedily by descending
 * similarity (ties by list order, so the result is deterministic), each item is used at most once,
 * and the matched similarity mass replaces the count of exact matches.
 *
 * @param similarity - in [0, 1]; 0 means "cannot be matched".
 */
export function matchF1<P, R>(
  predicted: readonly P[],
  reference: readonly R[],
  similarity: (p: P, r: R) => number,
): number {
  const pairs: { p: number; r: number; s: number }[] = [];
  predicted.forEach((p, pi) => {
    reference.forEach((r, ri) => {
      const s = similarity(p, r);
      if (s > 0) pairs.push({ p: pi, r: ri, s: Math.min(1, s) });
    });
  });
  pairs.sort((a, b) => b.s - a.s || a.p - b.p || a.r - b.r);
  const usedP = new Set<number>();
  const usedR = new Set<number>();
  let matched = 0;
  for (const pair of pairs) {
    if (usedP.has(pair.p) || usedR.has(pair.r)) continue;
    usedP.add(pair.p);
    usedR.add(pair.r);
    matched += pair.s;
  }
  return f1FromCounts(matched, predicted.length, reference.length);
}

/**
 * Weighted mean over the components that apply; a component is skipped (`undefined`) when the
 * reference does not carry the field it needs, so a partial reference still yields a score in [0, 1].
 * With no component applicable the result is 0, since nothing could be confirmed.
 */
export function weightedMean(
  components: readonly (readonly [weight: number, value: number | undefined])[],
): number {
  let total = 0;
  let weights = 0;
  for (const [weight, value] of components) {
    if (value === undefined) continue;
    total += weight * value;
    weights += weight;
  }
  return weights === 0 ? 0 : total / weights;
}
