import { useState } from 'react';
import type { SuggestionView } from '../../../shared/ipc/suggestionSchemas';
import { timeAgo } from '../common/format';
import type { SuggestionAnswer } from '../state/popoverStore';
import { SuggestionCard } from './SuggestionCard';

/** One line that says what a collapsed suggestion is about (the skill words it; a choice asks). */
function oneLine(suggestion: SuggestionView): string {
  return suggestion.choice ? `${suggestion.file.name}: which is better?` : suggestion.line;
}

function CompactRows({
  suggestions,
  now,
  onExpand,
}: {
  suggestions: readonly SuggestionView[];
  now: number;
  onExpand(task: string): void;
}) {
  if (suggestions.length === 0) return null;
  return (
    <ul className="suggestion-rows">
      {suggestions.map((suggestion) => (
        <li key={suggestion.task}>
          <button
            type="button"
            className="suggestion-row"
            aria-expanded={false}
            title={`${suggestion.skillName}: show`}
            onClick={() => onExpand(suggestion.task)}
            data-testid={`suggestion-row-${suggestion.task}`}
          >
            <span className="row-text ellipsis">{oneLine(suggestion)}</span>
            <span className="small faint nowrap">{timeAgo(suggestion.createdAt, now)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Watcher tasks waiting for an answer, newest first: one expanded card (the first, or the row the
 * user opened), the others as rows. The expanded card has the keyboard when `keys`.
 */
export function SuggestionList({
  suggestions,
  now,
  busy,
  keys,
  onAnswer,
}: {
  suggestions: readonly SuggestionView[];
  now: number;
  busy: boolean;
  keys: boolean;
  onAnswer(task: string, answer: SuggestionAnswer): void;
}) {
  const [picked, setPicked] = useState<string | null>(null);
  const openIndex = Math.max(
    0,
    suggestions.findIndex((s) => s.task === picked),
  );
  const open = suggestions[openIndex];
  if (!open) return null;
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title" className="section-title">
        Suggestions
      </h2>
      <CompactRows suggestions={suggestions.slice(0, openIndex)} now={now} onExpand={setPicked} />
      <SuggestionCard
        // A new task gets fresh state (edit field, ticks); the same task keeps it across snapshots.
        key={open.task}
        suggestion={open}
        now={now}
        busy={busy}
        keys={keys}
        onAnswer={(answer) => onAnswer(open.task, answer)}
      />
      <CompactRows suggestions={suggestions.slice(openIndex + 1)} now={now} onExpand={setPicked} />
    </section>
  );
}
