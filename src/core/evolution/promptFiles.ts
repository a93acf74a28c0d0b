import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeExamplePolicy } from '../examples/examplePolicy';
import type { PromptVersion } from '../store/promptRepository';

export const PROMPT_DIR = 'skills';

export function promptFilePath(dataDir: string, skill: string, version: number): string {
  return join(dataDir, PROMPT_DIR, `${skill}-v${version}.md`);
}

/**
 * Writes a prompt version as `skills/<id>-v<N>.md` so the user can read what the skill runs.
 * The database is the truth; these files are regenerated when missing, so a crash between the
 * commit and the write costs nothing.
 */
export function writePromptFile(dataDir: string, version: PromptVersion): string {
  const file = promptFilePath(dataDir, version.skill, version.version);
  mkdirSync(join(dataDir, PROMPT_DIR), { recursive: true });
  const header = [
    '---',
    `skill: ${version.skill}`,
    `version: ${version.version}`,
    `source: ${version.source}`,
    `parent_version: ${version.parentVersion ?? 'none'}`,
    `session: ${version.session ?? 'none'}`,
    `created_at: ${version.createdAt.toISOString()}`,
    `examples: ${JSON.stringify(describeExamplePolicy(version.examplePolicy))}`,
    `example_policy: ${JSON.stringify(version.examplePolicy)}`,
    ...(version.notes ? [`notes: ${JSON.stringify(version.notes)}`] : []),
    '---',
    '',
  ].join('\n');
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${header}${version.template}\n`);
  renameSync(temp, file);
  return file;
}

/** Writes the files of any versions that lack one. */
export function syncPromptFiles(dataDir: string, versions: readonly PromptVersion[]): void {
  for (const version of versions) {
    if (!existsSync(promptFilePath(dataDir, version.skill, version.version)))
      writePromptFile(dataDir, version);
  }
}
