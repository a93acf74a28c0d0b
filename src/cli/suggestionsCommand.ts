import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { displayFolder, suggestionViews } from '../core/app/suggestionViews';
import type { CoreContext } from '../core/coreContext';
import type { SkillSpecificAnswer } from '../core/skills/skillDefinition';
import { getSkill, isSkillId } from '../core/skills/skillRegistry';
import type { Suggestion } from '../core/store/suggestionRepository';
import type { SuggestionDetail, SuggestionView } from '../shared/ipc/suggestionSchemas';
import { type CliIo, type GlobalOptions, withCore } from './cliRuntime';
import { emit } from './emit';
import { table, when } from './humanFormat';

/** A suggestion as the popover describes it, plus what only the CLI shows. */
export interface CliSuggestion extends SuggestionView {
  /** Absolute path of the file the suggestion is about. */
  path: string;
  /** ISO instant; `null` unless "Not now" hid it. */
  snoozedUntil: string | null;
}

/** The popover's description of the given suggestions, so the CLI and the popover word them alike. */
function describeSuggestions(ctx: CoreContext, selected: readonly Suggestion[]): CliSuggestion[] {
  const byTask = new Map(selected.map((s) => [s.task, s]));
  return suggestionViews(ctx, selected).flatMap((view) => {
    const row = byTask.get(view.task);
    if (!row) return [];
    return [{ ...view, path: row.subject, snoozedUntil: row.snoozedUntil?.toISOString() ?? null }];
  });
}

/** Pending suggestions, newest first; snoozed ones only with `includeSnoozed`. Every one, no limit. */
export function pendingSuggestions(ctx: CoreContext, includeSnoozed: boolean): CliSuggestion[] {
  return describeSuggestions(ctx, ctx.store.suggestions.pending(ctx.clock.now(), { includeSnoozed }));
}

/** One suggestion if it is pending (snoozed or not), else `null`. */
export function pendingSuggestion(ctx: CoreContext, task: string): CliSuggestion | null {
  return (
    describeSuggestions(
      ctx,
      [ctx.store.suggestions.get(task)].flatMap((row) =>
        row && row.status === 'pending' && row.expiresAt > ctx.clock.now() ? [row] : [],
      ),
    )[0] ?? null
  );
}

/** `~/Downloads/scan001.pdf`: a file as the user would say it. */
export function displayPath(path: string): string {
  return join(displayFolder(path), basename(path));
}

/** The proposal in one line, as the skill words it (numbered lists from 1, as `feedback --keep` takes them). */
export function proposalLine(detail: SuggestionDetail): string {
  return getSkill(detail.skill).presentation.suggestionLine?.(detail) ?? JSON.stringify(detail);
}

/** `5 min`, `3 h`, `2 days`: how long, the way a person says it (hours and days rounded). */
export function duration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** The `feedback` flag of each answer a skill's suggestion may take besides the common ones. */
const ANSWER_FLAGS = {
  edit: '--name <new name>',
  actions: '--keep 1,3',
} as const satisfies Record<SkillSpecificAnswer, string>;

/** Whether a suggestion of `skill` takes this answer (an unknown skill takes only the common ones). */
export function takesAnswer(skill: string, answer: SkillSpecificAnswer): boolean {
  return isSkillId(skill) && getSkill(skill).suggestionAnswers.includes(answer);
}

/** The flags `feedback` takes for a suggestion of this skill. */
export function answerHint(skill: string): string {
  const answers = isSkillId(skill) ? getSkill(skill).suggestionAnswers : [];
  const extra = answers.map((answer) => ` | ${ANSWER_FLAGS[answer]}`).join('');
  return `--accept | --reject${extra} | --snooze`;
}

function describeList(list: readonly CliSuggestion[], now: Date): string {
  if (list.length === 0) return 'No suggestions waiting.';
  const rows = list.map((s) => {
    const made = now.getTime() - Date.parse(s.createdAt);
    const age = made < 60_000 ? 'just now' : `${duration(made)} ago`;
    const left = `in ${duration(Date.parse(s.expiresAt) - now.getTime())}`;
    const snoozed =
      s.snoozedUntil !== null && Date.parse(s.snoozedUntil) > now.getTime()
        ? `not now, until ${when(new Date(s.snoozedUntil))}`
        : '';
    return [s.task, s.skill, displayPath(s.path), age, left, snoozed];
  });
  const [header, ...lines] = table(['task', 'skill', 'file', 'made', 'expires', ''], rows).split('\n');
  const out = [header ?? ''];
  lines.forEach((line, i) => {
    const suggestion = list[i] as CliSuggestion;
    out.push(line, `    ${proposalLine(suggestion.detail)}`);
    if (suggestion.choice) {
      const options = suggestion.choice.options.map((option, n) => `${n + 1}) ${option.text}`);
      out.push(`    A/B test, which is better? ${options.join('  ')}  (--choose <number|skip>)`);
    }
  });
  const skills = [...new Set(list.map((s) => s.skill))];
  out.push('', 'Answer with: tinyarms feedback <task> …');
  for (const skill of skills) out.push(`  ${skill}: ${answerHint(skill)}`);
  return out.join('\n');
}

export function registerSuggestionsCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('suggestions')
    .description('list the suggestions made from watched files that wait for your answer, newest first')
    .option('--all', 'include the ones you said "not now" to')
    .option('--json', 'print one JSON document')
    .action((options: { all?: boolean; json?: boolean }) => {
      withCore(globals(), io, 'read', (ctx) => {
        const list = pendingSuggestions(ctx, options.all ?? false);
        emit(io, options.json ?? globals().json, { suggestions: list }, () =>
          describeList(list, ctx.clock.now()),
        );
      });
    });
}
