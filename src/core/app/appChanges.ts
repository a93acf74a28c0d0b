/**
 * What a use case changed, so a long-running surface (the app's main process) refreshes exactly what
 * moved: one snapshot push per change, the folder watchers re-synced only when what they watch changed.
 */
export interface AppChanges {
  /** Rows were written (a vote, an answer, a promotion): the snapshot is stale. */
  readonly database: boolean;
  /** The settings in force changed (config.yaml written or re-read). */
  readonly config: boolean;
  /** The watched sources changed: the intake must re-sync its folder watchers. */
  readonly intake: boolean;
  /** The model's availability changed (a download started or was cancelled). */
  readonly model: boolean;
}

/** A use case's answer beside what it changed. */
export interface Changed<T> {
  readonly value: T;
  readonly changed: AppChanges;
}

export const NOTHING_CHANGED: AppChanges = { database: false, config: false, intake: false, model: false };

/** `{ database: true }` → every other flag false. */
export function changes(flags: Partial<AppChanges>): AppChanges {
  return { ...NOTHING_CHANGED, ...flags };
}

/** Both changes at once (a flag set in either is set). */
export function mergeChanges(a: AppChanges, b: AppChanges): AppChanges {
  return {
    database: a.database || b.database,
    config: a.config || b.config,
    intake: a.intake || b.intake,
    model: a.model || b.model,
  };
}

export function anyChange(change: AppChanges): boolean {
  return change.database || change.config || change.intake || change.model;
}
