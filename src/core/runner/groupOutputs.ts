/** One output to show in a comparison, with every arm that produced exactly it. */
export interface OutputGroup {
  arms: string[];
  output: unknown;
  /** Whether the output meets the skill's format rules. */
  valid: boolean;
}

/**
 * Groups arm outputs by content, keeping first-seen order: asking the user to pick between two
 * identical outputs measures nothing, so each distinct output is shown once.
 */
export function groupOutputs(
  outputs: readonly { arm: string; output: unknown; valid: boolean }[],
): OutputGroup[] {
  const groups = new Map<string, OutputGroup>();
  for (const { arm, output, valid } of outputs) {
    const key = canonicalJson(output);
    const group = groups.get(key);
    if (group) group.arms.push(arm);
    else groups.set(key, { arms: [arm], output, valid });
  }
  return [...groups.values()];
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
