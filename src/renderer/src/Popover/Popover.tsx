import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StateSnapshot } from '../../../shared/ipc/stateSnapshotSchema';
import { ModelDownload } from '../common/ModelDownload';
import { HistoryView } from '../History/HistoryView';
import { choiceId, type SuggestionAnswer, usePopoverStore } from '../state/popoverStore';
import { ChoiceCard } from './ChoiceCard';
import { IntakeBar } from './IntakeBar';
import { RecentRenames } from './RecentRenames';
import { SkillList } from './SkillList';
import { SuggestionList } from './SuggestionList';

/** "5 min ago" and undo windows move on while the popover stays open without news from main. */
const TICK_MS = 30_000;

/** Milliseconds on main's clock: the snapshot's time plus what passed since it arrived. */
function useMainNow(snapshot: StateSnapshot | null, receivedAt: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return snapshot ? new Date(snapshot.generatedAt).getTime() + (Date.now() - receivedAt) : 0;
}

function modelLine(
  model: StateSnapshot['model'],
  download: { model: string; received: number } | null,
): string {
  switch (model.state) {
    case 'unavailable':
      return 'Model not loaded';
    case 'missing':
      return `Model ${model.model} not downloaded`;
    case 'downloading': {
      // Live bytes from the progress events; the snapshot's figure is from when the download changed state.
      const received = download?.model === model.model ? download.received : model.received;
      return model.total
        ? `Downloading model… ${Math.round((received / model.total) * 100)}%`
        : 'Downloading model…';
    }
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

/**
 * The menu-bar popover: suggestions from watched folders, pending choices, recent renames, skills,
 * and a skill's history. Renders what main pushes.
 */
export function Popover() {
  const { snapshot, receivedAt, intake, download, evolution, view, voting, answering, notice, error } =
    usePopoverStore(
      useShallow((s) => ({
        download: s.download,
        evolution: s.evolution,
        snapshot: s.snapshot,
        receivedAt: s.receivedAt,
        intake: s.intake,
        view: s.view,
        voting: s.voting,
        answering: s.answering,
        notice: s.notice,
        error: s.error,
      })),
    );
  const { connect, vote, answer, undoRename, openHistory, openPreferences, cancelEvolution } =
    usePopoverStore(
      useShallow((s) => ({
        cancelEvolution: s.cancelEvolution,
        connect: s.connect,
        vote: s.vote,
        answer: s.answer,
        undoRename: s.undoRename,
        openHistory: s.openHistory,
        openPreferences: s.openPreferences,
      })),
    );
  useEffect(() => connect(), [connect]);
  const now = useMainNow(snapshot, receivedAt);

  const choice = snapshot?.pending[0] ?? null;
  const onVote = useCallback(
    (chosen: string | null) => {
      if (choice) void vote(choice, chosen);
    },
    [choice, vote],
  );
  const onAnswer = useCallback((task: string, given: SuggestionAnswer) => void answer(task, given), [answer]);
  const suggestions = snapshot?.suggestions ?? [];
  const waiting = suggestions.length + (snapshot?.pending.length ?? 0);
  // Busy while anything is in flight, not just this card's answer: the next card can render before the
  // store is ready for another answer, and a key pressed then would be dropped.
  const busy = voting !== null || answering !== null;
  const renamesOpen = (snapshot?.renames ?? []).some((r) => new Date(r.undoUntil).getTime() > now);
  const nothingAtAll =
    suggestions.length === 0 && !choice && !renamesOpen && !intake?.running && !intake?.problem;

  return (
    <div className="popover">
      <header className="titlebar">
        <h1>tinyArms</h1>
        {waiting > 0 ? (
          <span className="pill testing" data-testid="waiting-count">
            {waiting} waiting
          </span>
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
            {snapshot.model.state === 'missing' ||
            snapshot.model.state === 'downloading' ||
            snapshot.model.state === 'error' ? (
              <div className="card">
                <ModelDownload status={snapshot.model} />
              </div>
            ) : null}
            {intake?.running || intake?.problem ? <IntakeBar intake={intake} /> : null}
            <SuggestionList suggestions={suggestions} now={now} busy={busy} keys onAnswer={onAnswer} />
            {choice ? (
              // The keyboard belongs to one card at a time: the expanded suggestion's, when there is one.
              <ChoiceCard
                key={choiceId(choice)}
                choice={choice}
                busy={busy}
                keys={suggestions.length === 0}
                onVote={onVote}
              />
            ) : null}
            {nothingAtAll ? <EmptyState snapshot={snapshot} /> : null}
            <RecentRenames
              renames={snapshot.renames}
              now={now}
              busy={busy}
              onUndo={(task) => void undoRename(task)}
            />
            <SkillList
              skills={snapshot.skills}
              evolution={evolution}
              onOpen={(skill) => void openHistory(skill)}
              onCancelEvolution={() => void cancelEvolution()}
            />
          </>
        )}
      </main>
      {snapshot ? (
        <footer className="statusbar small muted">
          <span className="ellipsis">{modelLine(snapshot.model, download)}</span>
          <span className="spacer" />
          {snapshot.evolutionPaused ? <span className="pill">Evolution paused</span> : null}
          <span>v{snapshot.appVersion}</span>
        </footer>
      ) : null}
    </div>
  );
}
