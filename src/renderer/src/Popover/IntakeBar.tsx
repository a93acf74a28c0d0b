import type { IntakeProgressView } from '../../../shared/ipc/suggestionSchemas';

/**
 * The watcher queue while it works through new files ("Naming 3 of 50 files… scan.pdf"), and the last
 * file it could not process, with why (a model not downloaded yet, a file that is not text…), until a
 * later file works.
 */
export function IntakeBar({ intake }: { intake: IntakeProgressView }) {
  // `done` counts failed files too: the burst is over when `done` reaches `total`.
  const finished = intake.done;
  const position = Math.min(finished + 1, intake.total);
  const share = intake.total > 0 ? finished / intake.total : 0;
  const verb = intake.verb ?? 'Processing';
  return (
    <div className="intake" data-testid="intake">
      {intake.running ? (
        <>
          <p className="small intake-text" role="status">
            <span className="nowrap">
              {verb} {position} of {intake.total} {intake.total === 1 ? 'file' : 'files'}…
            </span>
            {intake.current ? <span className="mono ellipsis muted">{intake.current}</span> : null}
            {intake.failed > 0 ? <span className="nowrap bad">{intake.failed} failed</span> : null}
          </p>
          <span
            className="track"
            role="progressbar"
            aria-label="New files processed"
            aria-valuemin={0}
            aria-valuemax={intake.total}
            aria-valuenow={finished}
          >
            <span className="fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
          </span>
        </>
      ) : null}
      {intake.problem ? (
        <p className="small bad intake-problem" data-testid="intake-problem">
          Could not process {intake.problem}
        </p>
      ) : null}
    </div>
  );
}
