import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Folder under the data folder holding the last analysed version of each markdown file. */
export const MARKDOWN_VERSIONS_DIR = 'markdown-versions';

/**
 * Where the last analysed version of `path` is kept: the file's name (readable when browsing the
 * folder) plus a hash of its absolute path (two `README.md`s never collide).
 */
export function markdownVersionFile(dataDir: string, path: string): string {
  const key = createHash('sha256').update(path).digest('hex').slice(0, 12);
  const name = basename(path).replace(/[^A-Za-z0-9._-]/g, '_');
  return join(dataDir, MARKDOWN_VERSIONS_DIR, `${name}-${key}.md`);
}

/** The version of `path` kept by the last analysis, or `null` when it was never analysed. */
export function lastMarkdownVersion(dataDir: string, path: string): string | null {
  try {
    return readFileSync(markdownVersionFile(dataDir, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Keeps `content` as the version the next analysis of `path` compares against (atomic replace). */
export function rememberMarkdownVersion(dataDir: string, path: string, content: string): void {
  const file = markdownVersionFile(dataDir, path);
  mkdirSync(join(dataDir, MARKDOWN_VERSIONS_DIR), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
