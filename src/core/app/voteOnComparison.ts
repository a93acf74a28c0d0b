import type { RequestOf, ResponseOf } from '../../shared/ipc/channels';
import type { CoreContext } from '../coreContext';
import { recordVote } from '../evolution/abVoting';
import { type Changed, changes } from './appChanges';
import { sessionStanding } from './pendingChoices';

/**
 * A vote from the popover or a notification: records the comparison (the one vote path,
 * {@link recordVote}, with its key scheme) and answers the session's standing after it. A replayed
 * vote changes nothing.
 */
export function voteOnComparison(ctx: CoreContext, request: RequestOf<'vote'>): Changed<ResponseOf<'vote'>> {
  const { session, task, shown, chosen, key } = request;
  const outcome = recordVote(ctx, { session, task, shown, chosen, key });
  const standing = sessionStanding(ctx, session);
  return {
    value: {
      recorded: outcome.recorded,
      votes: outcome.votes,
      maxVotes: standing.maxVotes,
      status: outcome.session.status,
      decision: outcome.decision
        ? { winner: outcome.decision.winner, reason: outcome.decision.reason, rule: outcome.decision.rule }
        : null,
      promotedVersion: outcome.promoted?.version ?? outcome.session.promotedVersion,
      arms: standing.arms,
      summary: standing.summary,
    },
    changed: changes({ database: outcome.recorded }),
  };
}
