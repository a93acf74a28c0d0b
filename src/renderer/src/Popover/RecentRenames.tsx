import type { RenameView } from '../../../shared/ipc/suggestionSchemas';
import { timeAgo } from '../common/format';

/** Renames tinyArms made whose undo window is still open; Undo gives the file its old name back. */
export function RecentRenames({
  renames,
  now,
  busy,
  onUndo,
}: {
  renames: readonly RenameView[];
  now: number;
  busy: boolean;
  onUndo(task: string): void;
}) {
  const open = renames.filter((rename) => new Date(rename.undoUntil).getTime() > now);
  if (open.length === 0) return null;
  return (
    <section className="renames" aria-labelledby="renames-title">
      <h2 id="renames-title" className="section-title">
        Recently renamed
      </h2>
      <ul>
        {open.map((rename) => (
          <li key={rename.task} className="rename-row" data-testid={`rename-${rename.task}`}>
            <span className="rename-names" title={`${rename.folder}: ${rename.from} → ${rename.to}`}>
              <span className="mono ellipsis">{rename.to}</span>
              <span className="small muted ellipsis">
                was {rename.from} · {timeAgo(rename.renamedAt, now)}
              </span>
            </span>
            <button
              type="button"
              className="btn"
              disabled={busy}
              aria-label={`Undo renaming ${rename.from} to ${rename.to}`}
              onClick={() => onUndo(rename.task)}
            >
              Undo
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
