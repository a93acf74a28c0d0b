import type { DiffLine } from '../../shared/ipc/historySchemas';

/**
 * Line diff by longest common subsequence: prompts are tens of lines, so the O(n·m) table is
 * small and the result is the minimal edit a reader expects. Removed lines come before added ones
 * at each change, like `diff -u`.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * width + j] =
        a[i] === b[j]
          ? (common[(i + 1) * width + j + 1] as number) + 1
          : Math.max(common[(i + 1) * width + j] as number, common[i * width + j + 1] as number);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ op: 'same', text: a[i] as string });
      i++;
      j++;
    } else if (
      j >= b.length ||
      (i < a.length && (common[(i + 1) * width + j] as number) >= (common[i * width + j + 1] as number))
    ) {
      lines.push({ op: 'removed', text: a[i] as string });
      i++;
    } else {
      lines.push({ op: 'added', text: b[j] as string });
      j++;
    }
  }
  return lines;
}
