import { type ReactNode, useId } from 'react';
import type { SuggestionView } from '../../../shared/ipc/suggestionSchemas';
import { timeAgo } from '../common/format';
import type { SuggestionAnswer } from '../state/popoverStore';
import { ActionsProposal } from './ActionsProposal';
import { ChoiceCard } from './ChoiceCard';
import { RenameProposal } from './RenameProposal';
import { SummaryProposal } from './SummaryProposal';

export interface ProposalProps<Skill extends SuggestionView['detail']['skill']> {
  suggestion: SuggestionView;
  detail: Extract<SuggestionView['detail'], { skill: Skill }>;
  busy: boolean;
  /** Whether this card answers the popover's shortcuts (only the expanded card does). */
  keys: boolean;
  onAnswer(answer: SuggestionAnswer): void;
}

/** The frame every proposal shares: a question, where the file is and how old the suggestion is. */
export function SuggestionShell({
  suggestion,
  title,
  now,
  busy,
  children,
}: {
  suggestion: SuggestionView;
  title: string;
  now: number;
  busy: boolean;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section
      className={`card suggestion ${suggestion.detail.skill}`}
      aria-labelledby={titleId}
      aria-busy={busy}
      data-testid={`suggestion-${suggestion.task}`}
    >
      <header className="suggestion-head">
        <h2 id={titleId}>{title}</h2>
        <span className="small muted nowrap">{timeAgo(suggestion.createdAt, now)}</span>
      </header>
      {suggestion.shapedBy ? (
        <p className="shaped-by small muted" data-testid="shaped-by">
          {suggestion.shapedBy.charAt(0).toUpperCase() + suggestion.shapedBy.slice(1)}.
        </p>
      ) : null}
      {children}
    </section>
  );
}

/**
 * One suggestion, expanded: the proposal with its answers, or, while an A/B test asks about this
 * task, the comparison instead (after Skip main sends the plain proposal).
 */
export function SuggestionCard({
  suggestion,
  now,
  busy,
  keys,
  onAnswer,
}: {
  suggestion: SuggestionView;
  now: number;
  busy: boolean;
  keys: boolean;
  onAnswer(answer: SuggestionAnswer): void;
}) {
  const { choice, detail } = suggestion;
  if (choice) {
    return (
      <ChoiceCard
        choice={choice}
        busy={busy}
        keys={keys}
        onVote={(chosen) =>
          // A fresh key per click: a retried request of this click records one vote, a new click another.
          onAnswer({ kind: 'choose', shown: choice.shown, chosen, key: crypto.randomUUID() })
        }
      />
    );
  }
  const common = { suggestion, busy, keys, onAnswer };
  let body: ReactNode;
  switch (detail.skill) {
    case 'file-naming':
      body = <RenameProposal {...common} detail={detail} />;
      break;
    case 'audio-actions':
      body = <ActionsProposal {...common} detail={detail} />;
      break;
    case 'markdown-analysis':
      body = <SummaryProposal {...common} detail={detail} />;
      break;
    default:
      body = detail satisfies never;
  }
  return (
    <SuggestionShell suggestion={suggestion} title={suggestion.title} now={now} busy={busy}>
      {body}
    </SuggestionShell>
  );
}
