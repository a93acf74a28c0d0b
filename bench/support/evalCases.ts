/**
 * The evaluation sets as one shape per case: the skill's input, the reference a consistent user
 * would give (their correction), and the kind of case, so folds can keep a kind's cases together or
 * apart. File naming: `../shared/eval/file-naming.jsonl` (30 files) and its hand-written twins in
 * `bench/eval/file-naming-twins.jsonl` (one file of the same kind each, other content). The other
 * skills: `bench/eval/<skill>.jsonl`, 10 kinds × 3 hand-written cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SkillId } from '../../src/core/skills';
import { splitFilename } from '../../src/core/skills/fileNaming';

export interface EvalCase {
  id: string;
  /** Cases of one kind are the same sort of task (a twin pair, or a kind's three cases). */
  kind: string;
  input: unknown;
  reference: unknown;
}

const HERE = import.meta.dirname;
export const SHARED_FILE_NAMING = join(HERE, '..', '..', '..', 'shared', 'eval', 'file-naming.jsonl');
export const BENCH_EVAL_DIR = join(HERE, '..', 'eval');

function jsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

interface NamedFile {
  id: string;
  name: string;
  content: string;
  reference: string;
  twinOf?: string;
}

export function fileNamingInputOf(c: { name: string; content: string }) {
  return {
    originalName: c.name,
    extension: splitFilename(c.name).extension.toLowerCase(),
    excerpt: c.content,
  };
}

function fileCase(row: NamedFile): EvalCase {
  return {
    id: row.id,
    kind: row.twinOf ?? row.id,
    input: fileNamingInputOf(row),
    reference: { filename: row.reference },
  };
}

/** The shared 30 files (kinds d01…d30) and their 30 twins (kind = the shared case they twin). */
export function fileNamingSets(): { shared: EvalCase[]; twins: EvalCase[] } {
  return {
    shared: (jsonl(SHARED_FILE_NAMING) as unknown as NamedFile[]).map(fileCase),
    twins: (jsonl(join(BENCH_EVAL_DIR, 'file-naming-twins.jsonl')) as unknown as NamedFile[]).map(fileCase),
  };
}

/** A skill's 30 cases (10 kinds × 3), in file order. */
export function evalCases(skill: Exclude<SkillId, 'file-naming'>): EvalCase[] {
  return jsonl(join(BENCH_EVAL_DIR, `${skill}.jsonl`)).map((row) => ({
    id: String(row.id),
    kind: String(row.kind),
    input: row.input,
    reference: row.reference,
  }));
}
