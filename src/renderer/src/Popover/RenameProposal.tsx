import { useEffect, useRef, useState } from 'react';
import { isTextEntry } from '../common/isTextEntry';
import { NotNowButton } from './NotNowButton';
import type { ProposalProps } from './SuggestionCard';

/** Index where the extension starts (Finder selects only the name part when you rename). */
function stemEnd(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}

function EditName({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: string;
  busy: boolean;
  onSave(name: string): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.setSelectionRange(0, stemEnd(initial));
  }, [initial]);
  const trimmed = name.trim();
  const problem = trimmed.includes('/') ? 'A name cannot contain “/”.' : null;
  const save = () => {
    if (trimmed !== '' && problem === null) onSave(trimmed);
  };
  return (
    <div className="edit-name">
      <input
        ref={input}
        type="text"
        className="mono"
        aria-label="New file name"
        aria-invalid={problem ? true : undefined}
        value={name}
        spellCheck={false}
        disabled={busy}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      {problem ? (
        <p className="problem small" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="suggestion-actions">
        <span className="small muted">Return saves, Esc cancels</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="btn primary"
          onClick={save}
          disabled={busy || trimmed === '' || problem !== null}
        >
          Rename
        </button>
      </div>
    </div>
  );
}

/**
 * File naming: the current name → the proposal, the model's reason and alternatives. Return renames;
 * Edit… lets the user type the name (a correction); Keep name rejects; Not now snoozes.
 */
export function RenameProposal({ suggestion, detail, busy, keys, onAnswer }: ProposalProps<'file-naming'>) {
  // The text the edit field starts with; `null` while not editing.
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    if (!keys || editing !== null) return;
    const onKey = (event: KeyboardEvent) => {
      if (busy || event.key !== 'Enter' || event.metaKey || event.ctrlKey || event.altKey || event.shiftKey)
        return;
      if (document.querySelector('dialog[open]')) return;
      // A focused button or link answers Return itself.
      const { target } = event;
      if (isTextEntry(target) || target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement)
        return;
      event.preventDefault();
      onAnswer({ kind: 'accept' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys, editing, busy, onAnswer]);

  return (
    <>
      <p className="rename-line">
        <span className="mono from" title={detail.from}>
          {detail.from}
        </span>
        {editing === null ? (
          <span className="mono to" title={detail.to}>
            <span className="arrow" aria-hidden="true">
              →{' '}
            </span>
            <span className="sr-only">to </span>
            <span data-testid="proposed-name">{detail.to}</span>
          </span>
        ) : null}
      </p>
      <p className="where small muted ellipsis" title={suggestion.file.folder}>
        in {suggestion.file.folder}
      </p>
      {editing !== null ? (
        <EditName
          key={editing}
          initial={editing}
          busy={busy}
          onCancel={() => setEditing(null)}
          onSave={(filename) =>
            onAnswer(filename === detail.to ? { kind: 'accept' } : { kind: 'edit', filename })
          }
        />
      ) : (
        <>
          {detail.reasoning ? <p className="reasoning small muted">{detail.reasoning}</p> : null}
          {detail.alternatives.length > 0 ? (
            <ul className="chips" aria-label="Other names">
              {detail.alternatives.map((alternative) => (
                <li key={alternative}>
                  <button
                    type="button"
                    className="chip mono"
                    disabled={busy}
                    onClick={() => setEditing(alternative)}
                    title="Edit this name"
                  >
                    {alternative}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="suggestion-actions">
            <NotNowButton busy={busy} onAnswer={onAnswer} />
            <span className="spacer" />
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => onAnswer({ kind: 'reject' })}
            >
              Keep name
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setEditing(detail.to)}>
              Edit…
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => onAnswer({ kind: 'accept' })}
              aria-keyshortcuts={keys ? 'Enter' : undefined}
              title={keys ? 'Rename (Return)' : undefined}
            >
              Rename
            </button>
          </div>
        </>
      )}
    </>
  );
}
