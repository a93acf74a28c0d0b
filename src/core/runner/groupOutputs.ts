/** One output to show in a comparison, with every arm that produced exactly it. */
export interface OutputGroup {
  arms: string[];
  output: unknown;
  /** Whether the output meets the skill's format rules. */
  valid: boolean;
}

/**
 * Groups arm outputs by content, keeping first-seen order: asking the user to pick between two
 * identical outputs measures nothing, so each distinct output is shown once. A group keeps the
 * other fields of its first member (e.g. `valid`).
 */
export function groupOutputs<T extends { arm: string; output: unknown }>(
  outputs: readonly T[],
): (Omit<T, 'arm'> & { arms: string[] })[] {
  const groups = new Map<string, Omit<T, 'arm'> & { arms: string[] }>();
  for (const { arm, ...rest } of outputs) {
    const key = canonicalJson(rest.output);
    const group = groups.get(key);
    if (group) group.arms.push(arm);
    else groups.set(key, { ...rest, arms: [arm] });
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
