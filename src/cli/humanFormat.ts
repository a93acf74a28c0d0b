/** Formatting for people; `--json` output never goes through here. */

export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** Local wall-clock time to the minute, the way a person reads a log. */
export function when(date: Date | null): string {
  if (!date) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Left-aligned columns, two spaces apart; numbers right-aligned when the column is numeric. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const numeric = header.map(
    (_, col) => rows.length > 0 && rows.every((row) => /^[-\d.,%/]*$/.test(row[col] ?? '')),
  );
  return all
    .map((row) =>
      row
        .map((cell, col) => (numeric[col] ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A bar of `width` cells for a value in [0, 1]. */
export function bar(value: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, value)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
