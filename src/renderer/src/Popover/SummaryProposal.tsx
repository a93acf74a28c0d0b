import { NotNowButton } from './NotNowButton';
import type { ProposalProps } from './SuggestionCard';

/** A thumb drawn, not an emoji: an emoji font is not on every machine (nor in CI's Chromium). */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <g transform={down ? 'matrix(1 0 0 -1 0 16)' : undefined} fill="currentColor">
        <path d="M1.5 7h2.6v7.2H1.5z" />
        <path d="M5.3 7 8 1.8c1 0 1.9.8 1.7 1.9l-.5 2.8h3.6c1 0 1.7.9 1.5 1.8l-1 4.6c-.2.8-.8 1.3-1.6 1.3H5.3z" />
      </g>
    </svg>
  );
}

/** Markdown analysis: the change summary of the last save, with thumbs up / down as the whole answer. */
export function SummaryProposal({ suggestion, detail, busy, onAnswer }: ProposalProps<'markdown-analysis'>) {
  return (
    <>
      <p className="where small muted ellipsis" title={suggestion.file.folder}>
        in {suggestion.file.folder}
      </p>
      {detail.summary ? <p className="summary-text">{detail.summary}</p> : null}
      {detail.changes.length > 0 ? (
        <ul className="change-list" aria-label="Changes">
          {detail.changes.map((change, i) => (
            // Changes have no id and may repeat; their order is the model's and never changes.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <span className="change-head">
                <span className={`pill change-${change.type}`}>{change.type}</span>
                {change.section ? <span className="change-section ellipsis">{change.section}</span> : null}
                <span className={`importance ${change.importance} small`}>{change.importance}</span>
              </span>
              <span className="change-summary">{change.summary}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="suggestion-actions">
        <NotNowButton busy={busy} onAnswer={onAnswer} />
        <span className="spacer" />
        <span className="small muted">Useful summary?</span>
        <button
          type="button"
          className="btn thumb"
          disabled={busy}
          aria-label="Bad summary"
          title="Bad summary"
          onClick={() => onAnswer({ kind: 'reject' })}
        >
          <Thumb down />
        </button>
        <button
          type="button"
          className="btn thumb"
          disabled={busy}
          aria-label="Good summary"
          title="Good summary"
          onClick={() => onAnswer({ kind: 'accept' })}
        >
          <Thumb />
        </button>
      </div>
    </>
  );
}
