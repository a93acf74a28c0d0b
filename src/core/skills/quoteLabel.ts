/** A free text as a short quoted label ("shaped by" lines): at most `maxChars` characters inside the quotes. */
export function quoteLabel(text: string, maxChars = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`}”`;
}
