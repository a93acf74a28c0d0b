/** Mean and standard error of the mean (sample standard deviation / √n); SE is 0 below two values. */
export function meanSe(values: readonly number[]): { mean: number; se: number; n: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, se: Number.NaN, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, se: 0, n };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n), n };
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** `0.412 ± 0.031` */
export function pm(stat: { mean: number; se: number }, digits = 3): string {
  return `${stat.mean.toFixed(digits)} ± ${stat.se.toFixed(digits)}`;
}

/** A text bar of `fraction` (0–1) in `width` cells. */
export function textBar(fraction: number, width = 30): string {
  const cells = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${'█'.repeat(cells)}${'░'.repeat(width - cells)}`;
}
