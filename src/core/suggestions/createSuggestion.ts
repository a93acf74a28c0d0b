import { basename } from 'node:path';
import { HOUR_MS } from '../clock';
import type { CoreContext } from '../coreContext';
import { fileIdentity } from '../fileIdentity';
import type { LanguageModel } from '../llm/languageModel';
import { buildSkillInput } from '../runner/buildSkillInput';
import { runSkill, type SkillRunResult } from '../runner/runSkill';
import type { FileNamingOutput, MarkdownAnalysisInput } from '../skills';
import type { Suggestion } from '../store/suggestionRepository';
import { proposedFileName } from './renameFile';

/** The skills whose tasks come from watched files and are answered as suggestions. */
export const SUGGESTION_SKILLS = ['file-naming', 'audio-actions', 'markdown-analysis'] as const;
export type SuggestionSkill = (typeof SUGGESTION_SKILLS)[number];

export function isSuggestionSkill(skill: string): skill is SuggestionSkill {
  return (SUGGESTION_SKILLS as readonly string[]).includes(skill);
}

export interface CreatedSuggestion {
  run: SkillRunResult;
  /** `null` when there is nothing to ask: the proposed name is the file's name already. */
  suggestion: Suggestion | null;
}

/**
 * Turns a file a watcher saw into a task and a suggestion: builds the skill's input (file naming
 * reads the name, size, dates and the first 4 KB of text files only), runs the skill (the active
 * prompt, plus A/B arms when a test draws this task), and records the task, its runs and the
 * pending suggestion in one transaction. An older pending suggestion about the same file (an
 * earlier save of a markdown file) is superseded: it expires without counting either way.
 *
 * Answers `null` without running the model when there is nothing to look at: a markdown save that
 * changed nothing.
 *
 * @throws UserInputError for a file that vanished or is not text where the skill needs text;
 *   ModelOutputError/OutputSchemaError when the model's output is unusable (nothing recorded).
 */
export async function createSuggestion(
  ctx: CoreContext,
  model: LanguageModel,
  job: { skill: SuggestionSkill; path: string },
  options: { signal?: AbortSignal } = {},
): Promise<CreatedSuggestion | null> {
  // Taken before the input is read: if the file is replaced while it is read, the answer refuses.
  const subjectIdentity = fileIdentity(job.path);
  const built = await buildSkillInput(job.skill, {
    target: job.path,
    dataDir: ctx.dataDir,
    clock: ctx.clock,
  });
  if (job.skill === 'markdown-analysis') {
    const input = built.input as MarkdownAnalysisInput;
    if (input.previous === input.current) return null;
  }
  let suggestion: Suggestion | null = null;
  const run = await runSkill(ctx, model, job.skill, built.input, {
    source: 'watcher',
    // The popover offers a proposed name's alternatives; the run is in the background.
    alternatives: true,
    ...(options.signal ? { signal: options.signal } : {}),
    onRecorded: (task, output) => {
      const now = ctx.clock.now();
      for (const older of ctx.store.suggestions.pendingAbout(job.path)) {
        ctx.store.suggestions.setStatus(older.task, 'superseded');
      }
      if (job.skill === 'file-naming') {
        const proposed = proposedFileName((output as FileNamingOutput).filename, basename(job.path));
        if (proposed === null || proposed === basename(job.path)) return;
      }
      const expiresAt = new Date(now.getTime() + ctx.config.notifications.expire_after_hours * HOUR_MS);
      suggestion = ctx.store.suggestions.create(
        { task: task.id, skill: job.skill, subject: job.path, subjectIdentity, expiresAt },
        now,
      );
    },
  });
  built.afterRecorded();
  return { run, suggestion };
}
