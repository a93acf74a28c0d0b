import { UserInputError } from '../coreContext';

/** A template is an instruction with a few examples: the v1 prompts are under 2 KB. */
export const MAX_TEMPLATE_BYTES = 32 * 1024;

/**
 * A template as text a prompt can hold: UTF-8 (a leading BOM dropped), no NUL or other control
 * characters besides tab and line breaks, at most {@link MAX_TEMPLATE_BYTES}, with `{{input}}`
 * exactly once (where the task goes). Trailing whitespace is trimmed.
 *
 * @param label - how the message names it, e.g. `variant b (b.txt)`.
 * @throws UserInputError naming the problem.
 */
export function checkTemplateText(text: string, label: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw new UserInputError(
      `${label} is ${formatBytes(bytes)}; a template is at most ${formatBytes(MAX_TEMPLATE_BYTES)}`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(body)) {
    throw new UserInputError(
      `${label} contains a NUL or another control character; a template is plain text`,
    );
  }
  if (body.includes('\uFFFD')) {
    throw new UserInputError(`${label} is not UTF-8 text`);
  }
  if (body.trim() === '') throw new UserInputError(`${label} is empty`);
  const placeholders = body.split('{{input}}').length - 1;
  if (placeholders !== 1) {
    throw new UserInputError(
      `${label} must contain {{input}} exactly once (where the task goes), found ${placeholders}`,
    );
  }
  return body.trimEnd();
}

/** Refuses a template file by its size alone, so a huge one is never read (3 bytes allow a BOM). */
export function checkTemplateFileSize(bytes: number, label: string): void {
  if (bytes > MAX_TEMPLATE_BYTES + 3) {
    throw new UserInputError(
      `${label} is ${formatBytes(bytes)}; a template is at most ${formatBytes(MAX_TEMPLATE_BYTES)}`,
    );
  }
}

/** Decodes a template file's bytes, refusing oversized files and invalid UTF-8. */
export function templateFromBytes(bytes: Uint8Array, label: string): string {
  checkTemplateFileSize(bytes.byteLength, label);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserInputError(`${label} is not UTF-8 text`);
  }
  return checkTemplateText(text, label);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${bytes.toLocaleString('en-US')} bytes`;
}
