import type { CoreContext } from '../coreContext';
import { folderSeenAtSetting } from '../store/settingsRepository';

/** When a watched folder was last listed by any run, so the next run can catch up on what came since. */
export function folderSeenAt(ctx: CoreContext, folder: string): Date | undefined {
  return ctx.store.settings.get(folderSeenAtSetting(folder));
}

export function recordFolderSeenAt(ctx: CoreContext, folder: string, at: Date): void {
  ctx.store.write(() => ctx.store.settings.set(folderSeenAtSetting(folder), at, ctx.clock.now()));
}
