import { useId } from 'react';
import type { PromptDiff } from '../../../shared/ipc/historySchemas';

/** Pick any two versions; the line diff comes from main. */
export function DiffView({
  versions,
  diff,
  onCompare,
}: {
  versions: readonly number[];
  diff: PromptDiff | null;
  onCompare(from: number, to: number): void;
}) {
  const id = useId();
  const from = diff?.from ?? versions.at(-2) ?? 1;
  const to = diff?.to ?? versions.at(-1) ?? 1;
  const select = (label: string, value: number, onChange: (v: number) => void) => (
    <label className="diff-pick">
      <span className="sr-only">{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} aria-label={label}>
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby={`${id}-title`} className="diff">
      <div className="diff-head">
        <h3 id={`${id}-title`} className="section-title">
          Compare
        </h3>
        {select('Compare from version', from, (v) => onCompare(v, to))}
        <span className="muted">→</span>
        {select('Compare to version', to, (v) => onCompare(from, v))}
        <span className="spacer" />
        {diff ? (
          <span className="small muted" data-testid="diff-stats">
            <span className="added-count">+{diff.added}</span>{' '}
            <span className="removed-count">−{diff.removed}</span>
          </span>
        ) : null}
      </div>
      {diff ? (
        <pre className="diff-body mono">
          {diff.lines.length === 0 || (diff.added === 0 && diff.removed === 0) ? (
            <span className="muted">The two prompts are identical.</span>
          ) : (
            diff.lines.map((line, i) => (
              // Lines have no identity beyond their position in this diff.
              // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity
              <span key={i} className={`line ${line.op}`}>
                <span className="sign" aria-hidden="true">
                  {line.op === 'added' ? '+' : line.op === 'removed' ? '−' : ' '}
                </span>
                <span className="sr-only">{line.op === 'same' ? '' : `${line.op}: `}</span>
                {line.text || ' '}
              </span>
            ))
          )}
        </pre>
      ) : null}
    </section>
  );
}
