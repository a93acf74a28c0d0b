/**
 * The values the database's CHECK constraints allow, declared once for the store and the IPC contract.
 * A leaf (no imports): the store, the rest of the core and the IPC contract all import it.
 */
export const sessionStatuses = [
  'breeding',
  'screening',
  'testing',
  'completed',
  'cancelled',
  'failed',
] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
export const openStatuses: readonly SessionStatus[] = ['breeding', 'screening', 'testing'];

export const sessionTriggers = ['accuracy_drop', 'manual', 'scheduled'] as const;
export type SessionTrigger = (typeof sessionTriggers)[number];

export const variantStatuses = ['candidate', 'rejected', 'testing', 'winner', 'archived'] as const;
export type VariantStatus = (typeof variantStatuses)[number];

export const promptSources = ['initial', 'manual', 'evolved', 'rollback'] as const;
export type PromptSource = (typeof promptSources)[number];

export const taskSources = ['watcher', 'cli', 'api'] as const;
export type TaskSource = (typeof taskSources)[number];

export const verdicts = ['accepted', 'corrected', 'rejected'] as const;
export type Verdict = (typeof verdicts)[number];

/**
 * A suggestion waits for the user (`pending`) until answered, until it expires unanswered (counts
 * neither way), or until a newer task about the same file replaces it (`superseded`).
 */
export const suggestionStatuses = ['pending', 'answered', 'expired', 'superseded'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];
