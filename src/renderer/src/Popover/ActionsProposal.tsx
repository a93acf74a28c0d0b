import { useState } from 'react';
import { actionWhen } from '../common/format';
import { NotNowButton } from './NotNowButton';
import type { ProposalProps } from './SuggestionCard';

const COMMAND_LABEL: Record<string, string> = {
  create_reminder: 'Reminder',
  create_calendar_event: 'Calendar event',
  create_task: 'Task',
  create_note: 'Note',
  send_message: 'Message',
};

/** `create_reminder` → "Reminder"; an unknown command still reads as words. */
function commandLabel(command: string): string {
  const known = COMMAND_LABEL[command];
  if (known) return known;
  const words = command.replace(/^create_/, '').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Audio actions: the memo's summary and each action it suggests, all ticked; Save keeps the ticked
 * ones. Nothing is ever carried out: the answer only says which suggestions were right.
 */
export function ActionsProposal({ suggestion, detail, busy, onAnswer }: ProposalProps<'audio-actions'>) {
  const [kept, setKept] = useState<ReadonlySet<number>>(() => new Set(detail.actions.map((a) => a.index)));
  const toggle = (index: number, on: boolean) =>
    setKept((current) => {
      const next = new Set(current);
      if (on) next.add(index);
      else next.delete(index);
      return next;
    });
  const empty = detail.actions.length === 0;

  return (
    <>
      <p className="where small muted ellipsis" title={`${suggestion.file.folder}/${suggestion.file.name}`}>
        {suggestion.file.name} in {suggestion.file.folder}
      </p>
      {detail.summary ? <p className="summary-text">{detail.summary}</p> : null}
      {empty ? (
        <p className="muted">No actions in this memo.</p>
      ) : (
        <ul className="action-list" aria-label="Suggested actions">
          {detail.actions.map((action) => (
            <li key={action.index}>
              <label className="action-row">
                <input
                  type="checkbox"
                  checked={kept.has(action.index)}
                  disabled={busy}
                  onChange={(e) => toggle(action.index, e.target.checked)}
                />
                <span className="action-body">
                  <span className="action-command">{commandLabel(action.command)}</span>
                  <span className="action-details">{action.details}</span>
                  {action.when ? (
                    <span className="action-when small muted">{actionWhen(action.when)}</span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <p className="small faint">Nothing runs automatically — these are suggestions.</p>
      <div className="suggestion-actions">
        <NotNowButton busy={busy} onAnswer={onAnswer} />
        <span className="spacer" />
        {empty ? (
          <>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => onAnswer({ kind: 'reject' })}
            >
              Missed something
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => onAnswer({ kind: 'accept' })}
            >
              Right
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => onAnswer({ kind: 'reject' })}
            >
              None of these
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={busy || kept.size === 0}
              onClick={() => onAnswer({ kind: 'actions', accepted: [...kept].sort((a, b) => a - b) })}
            >
              Save
            </button>
          </>
        )}
      </div>
    </>
  );
}
