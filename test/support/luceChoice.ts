/**
 * A simulated user under the Luce choice model: arm i among the shown set S with probability
 * w_i / Σ_{j∈S} w_j. `u` is uniform in [0, 1).
 */
export function luceChoice(
  shown: readonly string[],
  weights: Readonly<Record<string, number>>,
  u: number,
): string {
  const total = shown.reduce((sum, arm) => sum + (weights[arm] ?? 0), 0);
  let remaining = u * total;
  for (const arm of shown) {
    remaining -= weights[arm] ?? 0;
    if (remaining <= 0) return arm;
  }
  return shown.at(-1) ?? 'original';
}
