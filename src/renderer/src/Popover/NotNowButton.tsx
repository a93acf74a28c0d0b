import type { SuggestionAnswer } from '../state/popoverStore';

/** "Not now": hides a suggestion for `notifications.snooze_minutes`; the same on every card. */
export function NotNowButton({
  busy,
  onAnswer,
}: {
  busy: boolean;
  onAnswer(answer: SuggestionAnswer): void;
}) {
  return (
    <button type="button" className="btn link" disabled={busy} onClick={() => onAnswer({ kind: 'snooze' })}>
      Not now
    </button>
  );
}
