import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StateSnapshot } from '../../../shared/ipc/stateSnapshotSchema';
import { HistoryView } from '../History/HistoryView';
import { choiceId, usePopoverStore } from '../state/popoverStore';
import { ChoiceCard } from './ChoiceCard';
import { SkillList } from './SkillList';

function modelLine(model: StateSnapshot['model']): string {
  switch (model.state) {
    case 'unavailable':
      return 'Model not loaded';
    case 'missing':
      return `Model ${model.model} not downloaded`;
    case 'downloading':
      return model.total
        ? `Downloading model… ${Math.round((model.received / model.total) * 100)}%`
        : 'Downloading model…';
    case 'ready':
      return model.loaded ? `${model.model} loaded` : `${model.model} ready`;
    case 'error':
      return `Model error: ${model.message}`;
    default:
      return model satisfies never;
  }
}

function EmptyState({ snapshot }: { snapshot: StateSnapshot }) {
  const testing = snapshot.skills.filter((s) => s.status === 'testing').length;
  return (
    <section className="card empty" aria-labelledby="empty-title">
      <h2 id="empty-title">Nothing to decide right now</h2>
      <p className="muted">
        {testing > 0
          ? 'A prompt test is running. When a skill runs on a new task, you may be asked here to pick the better output.'
          : 'tinyArms watches how often you accept each skill’s output. When one drops below its threshold, it breeds better prompts and asks you here, now and then, to pick the best of a few outputs.'}
      </p>
    </section>
  );
}

/** The menu-bar popover: pending choice, skills, and a skill's history. Renders what main pushes. */
export function Popover() {
  const { snapshot, view, voting, notice, error } = usePopoverStore(
    useShallow((s) => ({
      snapshot: s.snapshot,
      view: s.view,
      voting: s.voting,
      notice: s.notice,
      error: s.error,
    })),
  );
  const { connect, vote, openHistory, openPreferences } = usePopoverStore(
    useShallow((s) => ({
      connect: s.connect,
      vote: s.vote,
      openHistory: s.openHistory,
      openPreferences: s.openPreferences,
    })),
  );
  useEffect(() => connect(), [connect]);

  const choice = snapshot?.pending[0] ?? null;
  const onVote = useCallback(
    (chosen: string | null) => {
      if (choice) void vote(choice, chosen);
    },
    [choice, vote],
  );

  return (
    <div className="popover">
      <header className="titlebar">
        <h1>tinyArms</h1>
        {snapshot && snapshot.pending.length > 0 ? (
          <span className="pill testing">{snapshot.pending.length} waiting</span>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          className="btn icon"
          onClick={openPreferences}
          aria-label="Preferences"
          title="Preferences"
        >
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M8 5.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6Zm6.3 3.6-.1-1.6 1.4-1.1-1.5-2.6-1.7.6a5.6 5.6 0 0 0-1.4-.8L10.7 1.5H7.7l-.3 1.8c-.5.2-1 .5-1.4.8l-1.7-.6-1.5 2.6 1.4 1.1a5.6 5.6 0 0 0 0 1.6l-1.4 1.1 1.5 2.6 1.7-.6c.4.3.9.6 1.4.8l.3 1.8h3l.3-1.8c.5-.2 1-.5 1.4-.8l1.7.6 1.5-2.6-1.4-1.1Z"
            />
          </svg>
        </button>
      </header>
      {error ? (
        <p className="banner error" role="alert">
          {error}
        </p>
      ) : null}
      {notice && view.name === 'home' ? (
        <p className="banner info" role="status" data-testid="notice">
          {notice}
        </p>
      ) : null}
      <main className="content">
        {snapshot === null ? (
          <p className="muted loading">Loading…</p>
        ) : view.name === 'history' ? (
          <HistoryView skill={view.skill} />
        ) : (
          <>
            {choice ? (
              // Busy while any vote is in flight, not just this card's: the next card can render before
              // the store is ready for another vote, and a key pressed then would be dropped.
              <ChoiceCard key={choiceId(choice)} choice={choice} busy={voting !== null} onVote={onVote} />
            ) : (
              <EmptyState snapshot={snapshot} />
            )}
            <SkillList skills={snapshot.skills} onOpen={(skill) => void openHistory(skill)} />
          </>
        )}
      </main>
      {snapshot ? (
        <footer className="statusbar small muted">
          <span className="ellipsis">{modelLine(snapshot.model)}</span>
          <span className="spacer" />
          {snapshot.evolutionPaused ? <span className="pill">Evolution paused</span> : null}
          <span>v{snapshot.appVersion}</span>
        </footer>
      ) : null}
    </div>
  );
}
