import { z } from 'zod';
import {
  type AudioActionsInput,
  type AudioActionsOutput,
  type AudioActionsReference,
  audioActions,
} from './audioActions';
import {
  type CodeLintingInput,
  type CodeLintingOutput,
  type CodeLintingReference,
  codeLinting,
} from './codeLinting';
import {
  type FileNamingInput,
  type FileNamingOutput,
  type FileNamingReference,
  fileNaming,
} from './fileNaming';
import {
  type MarkdownAnalysisInput,
  type MarkdownAnalysisOutput,
  type MarkdownAnalysisReference,
  markdownAnalysis,
} from './markdownAnalysis';
import { SKILL_IDS, type SkillDefinition, type SkillId } from './skillDefinition';

/** Each id's fully typed definition. */
export interface SkillById {
  'file-naming': SkillDefinition<FileNamingInput, FileNamingOutput, FileNamingReference>;
  'code-linting': SkillDefinition<CodeLintingInput, CodeLintingOutput, CodeLintingReference>;
  'markdown-analysis': SkillDefinition<
    MarkdownAnalysisInput,
    MarkdownAnalysisOutput,
    MarkdownAnalysisReference
  >;
  'audio-actions': SkillDefinition<AudioActionsInput, AudioActionsOutput, AudioActionsReference>;
}

export type AnySkillDefinition = SkillById[SkillId];

const byId: SkillById = {
  'file-naming': fileNaming,
  'code-linting': codeLinting,
  'markdown-analysis': markdownAnalysis,
  'audio-actions': audioActions,
};

export const skillIds: readonly SkillId[] = SKILL_IDS;

/** The four built-in skills, in the order of DESIGN §5. */
export const skills: readonly AnySkillDefinition[] = skillIds.map((id) => byId[id]);

export function isSkillId(value: unknown): value is SkillId {
  return typeof value === 'string' && (SKILL_IDS as readonly string[]).includes(value);
}

/**
 * Looks a skill up by id.
 *
 * @throws Error naming the unknown id and listing the known ones.
 */
export function getSkill<Id extends SkillId>(id: Id): SkillById[Id];
export function getSkill(id: string): AnySkillDefinition;
export function getSkill(id: string): AnySkillDefinition {
  if (!isSkillId(id)) {
    throw new Error(`Unknown skill "${id}". Known skills: ${skillIds.join(', ')}.`);
  }
  return byId[id];
}

/** JSON Schema of a skill's output, the source of the generation grammar (format refinements are not part of it). */
export function outputJsonSchema(skill: AnySkillDefinition): Record<string, unknown> {
  return z.toJSONSchema(skill.rawOutputSchema) as Record<string, unknown>;
}

/** Validates stored JSON against the skill's schemas and formats it for `{{input}}`. */
export function formatStoredInput(skill: AnySkillDefinition, input: unknown): string {
  return withTypes(skill, (s) => s.formatInput(s.inputSchema.parse(input)));
}

/**
 * Scores stored JSON (a task run's output against an accepted output or a correction). The output
 * is parsed structurally only, so a format-rule violation lowers the score instead of throwing.
 *
 * @throws ZodError when either value does not have the skill's structure.
 */
export function scoreStored(skill: AnySkillDefinition, output: unknown, reference: unknown): number {
  return withTypes(skill, (s) =>
    s.score(s.rawOutputSchema.parse(output), s.referenceSchema.parse(reference)),
  );
}

/** Lets one generic body serve the union: each member is consistent with itself. */
function withTypes<T>(skill: AnySkillDefinition, body: <I, O, R>(s: SkillDefinition<I, O, R>) => T): T {
  return body(skill as SkillDefinition<unknown, unknown, unknown>);
}
