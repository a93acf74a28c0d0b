import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HistorySession, HistoryVersion } from '../../../shared/ipc/historySchemas';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { dateTime, percent, shortDate } from '../common/format';
import { PosteriorBars } from '../common/PosteriorBars';
import { usePopoverStore } from '../state/popoverStore';
import { DiffView } from './DiffView';

const SOURCE: Record<HistoryVersion['source'], string> = {
  initial: 'Initial',
  manual: 'Hand-written',
  evolved: 'Evolved',
  rollback: 'Rollback',
};

function VersionRow({
  version,
  active,
  onRollback,
}: {
  version: HistoryVersion;
  active: boolean;
  onRollback(): void;
}) {
  return (
    <li className={`version${active ? ' active' : ''}`} data-testid={`version-${version.version}`}>
      <span className="dot" aria-hidden="true" />
      <div className="version-body">
        <div className="version-head">
          <strong>v{version.version}</strong>
          <span className={`pill ${version.source}`}>{SOURCE[version.source]}</span>
          {active ? <span className="pill healthy">Active</span> : null}
          <span className="spacer" />
          {active ? null : (
            <button
              type="button"
              className="btn link small"
              onClick={onRollback}
              aria-label={`Roll back to v${version.version}`}
            >
              Roll back to this
            </button>
          )}
        </div>
        <p className="small muted">
          {shortDate(version.activeFrom)} – {version.activeTo ? shortDate(version.activeTo) : 'now'} ·
          accuracy {percent(version.accuracyBefore)} → {percent(version.accuracy)}
        </p>
        <p className="small muted" data-testid={`version-${version.version}-examples`}>
          Shows {version.examples}
        </p>
        {version.notes ? (
          <p className="small faint ellipsis" title={version.notes}>
            {version.notes}
          </p>
        ) : null}
      </div>
    </li>
  );
}

function SessionRow({ session, onPromote }: { session: HistorySession; onPromote(letter: string): void }) {
  const open =
    session.status === 'testing' || session.status === 'breeding' || session.status === 'screening';
  const leader = session.winner ?? [...session.arms].sort((a, b) => b.pBest - a.pBest)[0]?.arm ?? null;
  return (
    <li className="session" data-testid={`session-${session.id}`}>
      <div className="version-head">
        <strong>{dateTime(session.startedAt)}</strong>
        <span className={`pill ${open ? 'testing' : ''}`}>{session.status}</span>
        <span className="spacer" />
        <span className="small muted">
          {session.votes}/{session.maxVotes} votes{session.skips ? ` · ${session.skips} skipped` : ''}
        </span>
      </div>
      {session.decisionReason ? <p className="small">{session.decisionReason}</p> : null}
      <PosteriorBars arms={session.arms} leader={session.votes > 0 ? leader : null} />
      <ul className="variants small">
        {session.variants.map((variant) => (
          <li key={variant.id} className="variant-row">
            <span className="mono">{variant.letter}</span>
            <span className="ellipsis muted" title={`${variant.examples}\n\n${variant.template}`}>
              {variant.operator}
              {variant.reasoning ? ` · ${variant.reasoning}` : ''} · {variant.examples}
            </span>
            {variant.judge ? (
              <span
                className="small muted"
                title={`${variant.judge.reason} (judged by the ${variant.judge.tier} tier)`}
                data-testid={`judge-${variant.letter}`}
              >
                judge {Math.round(variant.judge.score)}
              </span>
            ) : null}
            {variant.status === 'winner' ? <span className="pill healthy">winner</span> : null}
            <button
              type="button"
              className="btn link small"
              onClick={() => onPromote(variant.letter)}
              aria-label={`Promote variant ${variant.letter}`}
            >
              Promote
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** A skill's prompt versions, its A/B sessions, a diff between any two versions, promote and roll back. */
export function HistoryView({ skill }: { skill: string }) {
  const { history, diff, goHome, loadDiff, rollback, promote, startEvolution, summary } = usePopoverStore(
    useShallow((s) => ({
      history: s.history,
      diff: s.diff,
      goHome: s.goHome,
      loadDiff: s.loadDiff,
      rollback: s.rollback,
      promote: s.promote,
      startEvolution: s.startEvolution,
      summary: s.snapshot?.skills.find((candidate) => candidate.id === skill) ?? null,
    })),
  );
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  if (history?.skill !== skill) return <p className="muted loading">Loading history…</p>;

  const versions = [...history.versions].reverse();
  return (
    <div className="history">
      <nav className="history-nav">
        <button type="button" className="btn link" onClick={goHome} aria-label="Back to skills">
          ‹ Skills
        </button>
        <h2>{history.skillName}</h2>
        <span className="pill healthy">v{history.active}</span>
        <span className="spacer" />
        {summary && summary.session === null ? (
          <button
            type="button"
            className="btn small"
            title="Breed new prompt variants from your feedback now, then test them with you"
            onClick={() => void startEvolution(skill)}
          >
            Evolve Now
          </button>
        ) : null}
      </nav>

      <section aria-labelledby="versions-title">
        <h3 id="versions-title" className="section-title">
          Versions
        </h3>
        <ol className="timeline">
          {versions.map((version) => (
            <VersionRow
              key={version.version}
              version={version}
              active={version.version === history.active}
              onRollback={() =>
                setConfirm({
                  title: `Roll back to v${version.version}?`,
                  body: `v${version.version}'s prompt becomes the active one as a new version; v${history.active} stays in the history.`,
                  confirmLabel: 'Roll Back',
                  destructive: true,
                  onConfirm: () => void rollback(skill, version.version),
                })
              }
            />
          ))}
        </ol>
      </section>

      {history.versions.length > 1 ? (
        <DiffView
          versions={history.versions.map((v) => v.version)}
          diff={diff?.skill === skill ? diff : null}
          onCompare={(from, to) => void loadDiff(skill, from, to)}
        />
      ) : null}

      <section aria-labelledby="sessions-title">
        <h3 id="sessions-title" className="section-title">
          A/B sessions
        </h3>
        {history.sessions.length === 0 ? (
          <p className="muted small pad">No sessions yet. One starts when this skill’s accuracy drops.</p>
        ) : (
          <ul className="sessions">
            {history.sessions.map((session) => (
              <SessionRow
                key={session.id}
                session={session}
                onPromote={(letter) =>
                  setConfirm({
                    title: `Promote variant ${letter}?`,
                    body: `Its prompt becomes ${history.skillName}'s next version${session.status === 'testing' ? ' and the running test ends' : ''}.`,
                    confirmLabel: 'Promote',
                    onConfirm: () => void promote(skill, letter),
                  })
                }
              />
            ))}
          </ul>
        )}
      </section>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
