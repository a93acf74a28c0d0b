import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { CoreContext } from '../coreContext';
import { fileIdentity, sameFile } from '../fileIdentity';
import { moveWithoutOverwrite, nameCandidates } from './renameFile';

/**
 * Puts right a rename a crash interrupted: an intent is committed before a rename moves the file and
 * deleted in the transaction that records the rename, so one left over means the file may have moved
 * with nothing recorded. The file (found by its identity at the old path or any name the rename could
 * have given it) goes back to its old name when that is free; the suggestion stays pending, to be
 * answered again. Runs when the core opens; costs nothing when there is no intent.
 *
 * @returns one line per intent settled, for a log.
 */
export function settleRenameIntents(ctx: CoreContext): string[] {
  const settled: string[] = [];
  for (const intent of ctx.store.suggestions.renameIntents()) {
    const candidates = [intent.fromPath, ...nameCandidates(dirname(intent.fromPath), intent.name)];
    const at = candidates.find((path) => {
      const now = fileIdentity(path);
      return now !== null && sameFile(now, intent.fileIdentity);
    });
    const from = basename(intent.fromPath);
    if (at === undefined) {
      settled.push(`${from}: not found after an interrupted rename; nothing moved`);
    } else if (at === intent.fromPath) {
      settled.push(`${from}: the interrupted rename had not happened`);
    } else if (existsSync(intent.fromPath)) {
      settled.push(`${from}: left as ${basename(at)} after an interrupted rename (its old name is taken)`);
    } else {
      moveWithoutOverwrite(at, intent.fromPath);
      settled.push(`${from}: moved back from ${basename(at)} after an interrupted rename`);
    }
    ctx.store.write(() => ctx.store.suggestions.removeRenameIntent(intent.task));
  }
  return settled;
}
