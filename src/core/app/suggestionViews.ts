import { homedir } from 'node:os';
import { basename, dirname, sep } from 'node:path';
import type { RenameView, SuggestionDetail, SuggestionView } from '../../shared/ipc/suggestionSchemas';
import type { CoreContext } from '../coreContext';
import { recordedShapedByLine } from '../examples/shapedBy';
import type { AudioActionsOutput, FileNamingOutput, MarkdownAnalysisOutput } from '../skills';
import { getSkill } from '../skills/skillRegistry';
import type { Suggestion } from '../store/suggestionRepository';
import { proposedFileName } from '../suggestions/renameFile';
import { UNDO_WINDOW_MS } from '../suggestions/undoRename';
import { pendingChoice, type Standing, standings } from './pendingChoices';

/** Suggestions the popover lists at most; older ones wait for the next answer. */
const MAX_SUGGESTIONS = 20;
const MAX_RENAMES = 10;

/** A folder as people say it: `~/Downloads`, not `/Users/ana/Downloads`. */
export function displayFolder(path: string, home = homedir()): string {
  const folder = dirname(path);
  if (folder === home) return '~';
  return folder.startsWith(home + sep) ? `~${folder.slice(home.length)}` : folder;
}

function detailOf(suggestion: Suggestion, output: unknown): SuggestionDetail | null {
  switch (suggestion.skill) {
    case 'file-naming': {
      const naming = output as FileNamingOutput;
      const from = basename(suggestion.subject);
      const to = proposedFileName(naming.filename, from);
      if (to === null) return null;
      return {
        skill: 'file-naming',
        from,
        to,
        reasoning: naming.reasoning,
        alternatives: naming.alternatives.flatMap((a) => proposedFileName(a, from) ?? []),
      };
    }
    case 'audio-actions': {
      const note = output as AudioActionsOutput;
      return {
        skill: 'audio-actions',
        intent: note.intent,
        summary: note.summary,
        actions: note.actions.map((action, index) => ({ index, ...action })),
      };
    }
    case 'markdown-analysis': {
      const analysis = output as MarkdownAnalysisOutput;
      return { skill: 'markdown-analysis', summary: analysis.executiveSummary, changes: analysis.changes };
    }
    default:
      return null;
  }
}

/**
 * Suggestions as the popover (and the CLI) describe them, with the A/B choice when a test asks about
 * one; by default the pending, unsnoozed ones, newest first, at most 20.
 */
export function suggestionViews(
  ctx: CoreContext,
  rows: readonly Suggestion[] = ctx.store.suggestions.pending(ctx.clock.now(), { limit: MAX_SUGGESTIONS }),
  standingOf: (session: string) => Standing = standings(ctx),
): SuggestionView[] {
  const testing = new Map(ctx.store.sessions.sessionsInStatus('testing').map((s) => [s.skill, s.id]));
  return rows.flatMap((suggestion) => {
    const primary = ctx.store.tasks
      .runsFor(suggestion.task)
      .find((run) => run.variant === null && run.promptVersion !== null);
    const detail = primary ? detailOf(suggestion, primary.output) : null;
    if (!detail) return [];
    const session = testing.get(suggestion.skill);
    const file = { name: basename(suggestion.subject), folder: displayFolder(suggestion.subject) };
    const card = getSkill(suggestion.skill).presentation.suggestionCard?.(detail, file) ?? {
      title: file.name,
      line: file.name,
    };
    return [
      {
        task: suggestion.task,
        skill: suggestion.skill,
        skillName: getSkill(suggestion.skill).name,
        file,
        createdAt: suggestion.createdAt.toISOString(),
        expiresAt: suggestion.expiresAt.toISOString(),
        detail,
        title: card.title,
        line: card.line,
        shapedBy: recordedShapedByLine(
          ctx.store,
          getSkill(suggestion.skill),
          primary?.examples ?? [],
          ctx.clock.now(),
        ),
        choice: session ? pendingChoice(ctx, session, suggestion.task, standingOf) : null,
      },
    ];
  });
}

/** Renames of the last 24 h that were not undone, newest first. */
export function renameViews(ctx: CoreContext): RenameView[] {
  const now = ctx.clock.now().getTime();
  return ctx.store.suggestions.renamesSince(new Date(now - UNDO_WINDOW_MS), MAX_RENAMES).map((rename) => ({
    task: rename.task,
    folder: displayFolder(rename.toPath),
    from: basename(rename.fromPath),
    to: basename(rename.toPath),
    renamedAt: rename.renamedAt.toISOString(),
    undoUntil: new Date(rename.renamedAt.getTime() + UNDO_WINDOW_MS).toISOString(),
  }));
}
