import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { HOUR_MS } from '../clock';
import { type CoreContext, UserInputError } from '../coreContext';
import { recordFeedback } from '../evolution/feedback';
import { fileIdentity, sameFile } from '../fileIdentity';
import { moveWithoutOverwrite, NameTakenError } from './renameFile';

/** How long a rename can be undone from the popover and `tinyarms undo`. */
export const UNDO_WINDOW_MS = 24 * HOUR_MS;

/**
 * Gives a renamed file its old name back. The user took the name back, so the suggestion counts as
 * rejected (the earlier verdict is replaced). Like a rename, the undo never overwrites: when the old
 * name is taken meanwhile it stops and says so.
 *
 * @throws UserInputError when the task renamed nothing, was undone already, is older than 24 h, or
 *   the file or its old name changed since.
 */
export function undoRename(
  ctx: CoreContext,
  task: string,
): { task: string; restored: string; message: string } {
  const rename = ctx.store.suggestions.renameOf(task);
  if (!rename) throw new UserInputError(`task ${task} renamed nothing`);
  const from = basename(rename.fromPath);
  const to = basename(rename.toPath);
  if (rename.undoneAt) throw new UserInputError(`the rename of ${from} was undone already`);
  if (ctx.clock.now().getTime() - rename.renamedAt.getTime() > UNDO_WINDOW_MS) {
    throw new UserInputError(`the rename of ${from} to ${to} is older than 24 hours; rename it in Finder`);
  }
  if (!existsSync(rename.toPath)) {
    throw new UserInputError(
      `${to} is no longer in ${dirname(rename.toPath)} (moved or deleted); nothing to undo`,
    );
  }
  const now = fileIdentity(rename.toPath);
  const renamed = rename.fileIdentity;
  if (now === null || (renamed !== null && !sameFile(renamed, now))) {
    throw new UserInputError(
      `${to} in ${dirname(rename.toPath)} is ${now === null ? 'not a file any more' : 'another file now'} (it was replaced after the rename); nothing undone`,
    );
  }
  try {
    moveWithoutOverwrite(rename.toPath, rename.fromPath);
  } catch (error) {
    if (error instanceof NameTakenError) {
      throw new UserInputError(
        `another file is called ${from} now in ${dirname(rename.fromPath)}; nothing undone`,
      );
    }
    throw error;
  }
  try {
    ctx.store.write(() => {
      if (!ctx.store.suggestions.markUndone(task, ctx.clock.now())) {
        throw new UserInputError(`the rename of ${from} was undone meanwhile`);
      }
      recordFeedback(ctx, { task, verdict: 'rejected' });
    });
  } catch (error) {
    moveWithoutOverwrite(rename.fromPath, rename.toPath);
    throw error;
  }
  return { task, restored: rename.fromPath, message: `${to} is ${from} again.` };
}
