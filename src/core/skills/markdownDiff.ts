/** One changed line, with the heading of the section it sits in (`''` before the first heading). */
export interface MarkdownLineChange {
  readonly kind: 'added' | 'removed';
  readonly section: string;
  readonly text: string;
}

/** The LCS table has lines² cells; past this many lines per side the rest of a document is not compared. */
export const MARKDOWN_DIFF_MAX_LINES = 600;

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

function headingOf(line: string): string | undefined {
  const match = HEADING.exec(line);
  return match?.[2];
}

function lines(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
}

/**
 * Line-level diff of two markdown documents (longest common subsequence; blank lines and trailing
 * spaces ignored). Removed lines carry their section in the previous text, added lines in the
 * current one, so a renamed heading shows up as one removal and one addition.
 *
 * @param maxLines - lines per side diffed line by line. @default MARKDOWN_DIFF_MAX_LINES (600)
 */
export function markdownDiff(
  previous: string,
  current: string,
  maxLines = MARKDOWN_DIFF_MAX_LINES,
): MarkdownLineChange[] {
  const a = lines(previous).slice(0, maxLines);
  const b = lines(current).slice(0, maxLines);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], flattened row-major.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => lcs[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const changes: MarkdownLineChange[] = [];
  let sectionA = '';
  let sectionB = '';
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const lineA = a[i];
    const lineB = b[j];
    if (lineA !== undefined && lineB !== undefined && lineA === lineB) {
      sectionA = headingOf(lineA) ?? sectionA;
      sectionB = headingOf(lineB) ?? sectionB;
      i++;
      j++;
    } else if (lineA !== undefined && (lineB === undefined || at(i + 1, j) >= at(i, j + 1))) {
      // Removals first, so an edited line reads "- old" then "+ new".
      sectionA = headingOf(lineA) ?? sectionA;
      changes.push({ kind: 'removed', section: sectionA, text: lineA });
      i++;
    } else if (lineB !== undefined) {
      sectionB = headingOf(lineB) ?? sectionB;
      changes.push({ kind: 'added', section: sectionB, text: lineB });
      j++;
    }
  }
  return changes;
}
