import { useEffect, useId } from 'react';
import type { PendingChoice } from '../../../shared/ipc/stateSchemas';
import { isTextEntry } from '../common/isTextEntry';
import { PosteriorBars } from '../common/PosteriorBars';

function leaderOf(choice: PendingChoice): string | null {
  if (choice.votes === 0) return null;
  return [...choice.arms].sort((a, b) => b.pBest - a.pBest)[0]?.arm ?? null;
}

/**
 * One comparison: the task, its distinct outputs in the order main chose (random), the test's
 * standing. Keys 1–3 pick, Esc skips, unless focus is in a field or a dialog is open, or another card
 * has the keyboard (`keys: false`; one card at a time, or one key press would answer two).
 */
export function ChoiceCard({
  choice,
  busy,
  keys = true,
  onVote,
}: {
  choice: PendingChoice;
  busy: boolean;
  keys?: boolean;
  onVote(chosen: string | null): void;
}) {
  const questionId = useId();
  useEffect(() => {
    if (!keys) return;
    const onKey = (event: KeyboardEvent) => {
      if (busy || event.metaKey || event.ctrlKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (isTextEntry(event.target)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        onVote(null);
        return;
      }
      const option = choice.options[Number(event.key) - 1];
      if (/^[1-3]$/.test(event.key) && option) {
        event.preventDefault();
        onVote(option.arm);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [choice, busy, keys, onVote]);

  return (
    <section className="card choice" aria-labelledby={questionId} aria-busy={busy}>
      <header className="choice-head">
        <h2 id={questionId}>{choice.question}</h2>
        <span className="pill testing" data-testid="vote-count">
          {choice.votes}/{choice.maxVotes}
          <span className="sr-only"> votes</span>
        </span>
      </header>
      <p className="task ellipsis muted" title={choice.taskLine}>
        <span className="sr-only">Task: </span>
        {choice.skillName} · {choice.taskLine}
      </p>
      <ol className="options">
        {choice.options.map((option, i) => (
          <li key={option.arm}>
            <button
              type="button"
              className="option"
              disabled={busy}
              onClick={() => onVote(option.arm)}
              aria-keyshortcuts={keys ? String(i + 1) : undefined}
              aria-label={`Option ${i + 1}: ${option.text}`}
            >
              <kbd>{i + 1}</kbd>
              <span className="option-text">{option.text}</span>
            </button>
          </li>
        ))}
      </ol>
      <PosteriorBars arms={choice.arms} leader={leaderOf(choice)} />
      <footer className="choice-foot">
        <p className="summary muted small" data-testid="leader-summary" aria-live="polite">
          {choice.summary}
        </p>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => onVote(null)}
          aria-keyshortcuts={keys ? 'Escape' : undefined}
        >
          Skip {keys ? <kbd>esc</kbd> : null}
        </button>
      </footer>
    </section>
  );
}
