import { basename } from 'node:path';
import type { RequestOf, ResponseOf } from '../../shared/ipc/channels';
import type { CoreContext } from '../coreContext';
import { answerSuggestion } from '../suggestions/answerSuggestion';
import { type Changed, changes } from './appChanges';

/**
 * An answer to a watcher's suggestion from the popover or a notification button, through
 * {@link answerSuggestion} (an A/B `choose` records its vote on the one vote path). The page is
 * told the new file name, not the path.
 */
export function answerWatcherSuggestion(
  ctx: CoreContext,
  { task, answer }: RequestOf<'answerSuggestion'>,
): Changed<ResponseOf<'answerSuggestion'>> {
  const outcome = answerSuggestion(ctx, task, answer);
  return {
    value: {
      task: outcome.task,
      status: outcome.status,
      verdict: outcome.verdict,
      renamedTo: outcome.renamedTo === null ? null : basename(outcome.renamedTo),
      message: outcome.message,
    },
    changed: changes({ database: true }),
  };
}
