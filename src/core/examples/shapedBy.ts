import type { AnySkillDefinition } from '../skills/skillRegistry';
import type { Store } from '../store/openStore';
import type { Demonstration } from './selectExamples';

/** A bank example that shaped an output, as the surfaces show it. */
export interface ShapingExample {
  task: string;
  kind: Demonstration['kind'];
  /** The example's output in a few words (a file name, a summary). */
  label: string;
  /** When the user accepted or corrected it. */
  answeredAt: Date;
}

/** The demonstrations a run showed, nearest the task first (the one the model follows most). */
export function shapingExamples(
  skill: AnySkillDefinition,
  demonstrations: readonly Demonstration[],
): ShapingExample[] {
  return [...demonstrations].reverse().flatMap((d) => {
    const label = skill.exampleLabel(d.output);
    return label === null ? [] : [{ task: d.task, kind: d.kind, label, answeredAt: d.createdAt }];
  });
}

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * One line saying what shaped an output: "named like acme-invoice-july-2025.pdf, which you chose
 * on 3 Nov (and 1 more example)". Null when no example was shown.
 */
export function shapedByLine(
  skill: AnySkillDefinition,
  examples: readonly ShapingExample[],
  now: Date,
): string | null {
  const [nearest, ...rest] = examples;
  if (!nearest) return null;
  const format = nearest.answeredAt.getUTCFullYear() === now.getUTCFullYear() ? dayMonth : dayMonthYear;
  const verb = nearest.kind === 'corrected' ? 'chose' : 'accepted';
  const more =
    rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'example' : 'examples'})`;
  return `${skill.shapedByPhrase} ${nearest.label}, which you ${verb} on ${format.format(nearest.answeredAt)}${more}`;
}

/**
 * The "shaped by" line of a recorded run, from the examples it showed (`task_runs.examples`) as the
 * bank holds them now; null when it showed none (or they are gone).
 */
export function recordedShapedByLine(
  store: Store,
  skill: AnySkillDefinition,
  shownTasks: readonly string[],
  now: Date,
): string | null {
  const demonstrations = store.examples
    .forTasks(shownTasks)
    .flatMap((e): Demonstration[] =>
      e.kind === 'negative' || e.output === null
        ? []
        : [{ task: e.task, kind: e.kind, inputText: e.inputText, output: e.output, createdAt: e.createdAt }],
    );
  return shapedByLine(skill, shapingExamples(skill, demonstrations), now);
}
