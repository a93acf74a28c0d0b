import { type AppChanges, anyChange, mergeChanges, NOTHING_CHANGED } from '../core/app/appChanges';

export interface AppChangeFeed {
  /** A change main made itself (a use case's answer, a download's state): pushed once, soon. */
  report(changed: AppChanges): void;
}

/**
 * Turns what the use cases say they changed into main's reactions: one snapshot push for the
 * changes reported in one turn (a download start is reported by the call and by the model layer),
 * and a re-sync of the folder watchers only when the watched sources changed. The change watcher is
 * told the change is seen, so its next poll does not push it again.
 */
export function createAppChangeFeed(options: {
  /** Marks the database and config.yaml as they are now as seen (the change watcher's `absorb`). */
  absorb(): void;
  publish(): void;
  syncIntake(): void;
}): AppChangeFeed {
  let pending: AppChanges = NOTHING_CHANGED;
  const flush = () => {
    const changed = pending;
    pending = NOTHING_CHANGED;
    options.publish();
    if (changed.intake) options.syncIntake();
  };
  return {
    report(changed) {
      if (!anyChange(changed)) return;
      options.absorb();
      const scheduled = anyChange(pending);
      pending = mergeChanges(pending, changed);
      if (!scheduled) queueMicrotask(flush);
    },
  };
}
