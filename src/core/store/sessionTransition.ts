import type { SessionStatus } from './columnValues';

/**
 * What can happen to an evolution session (DESIGN §3–4):
 * - `breed`: a new session starts breeding;
 * - `openTest`: a new session opens straight into its A/B test (variants written by hand);
 * - `resume`: an interrupted run (killed while breeding or screening) goes on breeding;
 * - `screen`: the judge screens the bred finalists;
 * - `startTesting`: the variants are stored and the A/B test opens;
 * - `decide`: a stop rule ended the test;
 * - `promote`: a variant was promoted by hand, which ends whatever was open;
 * - `cancel`: the user stopped the session;
 * - `fail`: the run ended without a usable variant.
 */
export type SessionEvent =
  | 'breed'
  | 'openTest'
  | 'resume'
  | 'screen'
  | 'startTesting'
  | 'decide'
  | 'promote'
  | 'cancel'
  | 'fail';

export const sessionEvents: readonly SessionEvent[] = [
  'breed',
  'openTest',
  'resume',
  'screen',
  'startTesting',
  'decide',
  'promote',
  'cancel',
  'fail',
];

/** A session still running or testing, which at most one per skill may be (the partial unique index). */
export function isOpenStatus(status: SessionStatus | null): status is 'breeding' | 'screening' | 'testing' {
  return status === 'breeding' || status === 'screening' || status === 'testing';
}

/** A run that stopped before its A/B test (quit, killed, paused) and resumes where it was. */
export function isInterruptedRun(status: SessionStatus | null): status is 'breeding' | 'screening' {
  return status === 'breeding' || status === 'screening';
}

/** `event` does not apply to a session in `from`: a bug in the caller, never the user's input. */
export class RefusedTransitionError extends Error {
  override readonly name = 'RefusedTransitionError';
  constructor(
    readonly from: SessionStatus | null,
    readonly event: SessionEvent,
  ) {
    super(`an evolution session ${from === null ? 'not yet stored' : `in ${from}`} cannot ${event}`);
  }
}

/** The status `event` moves a session in `from` to, or null when it does not apply. */
export function nextStatus(from: SessionStatus | null, event: SessionEvent): SessionStatus | null {
  switch (event) {
    case 'breed':
      return from === null ? 'breeding' : null;
    case 'openTest':
      return from === null ? 'testing' : null;
    case 'resume':
      return isInterruptedRun(from) ? 'breeding' : null;
    case 'screen':
      return from === 'breeding' ? 'screening' : null;
    case 'startTesting':
      return isInterruptedRun(from) ? 'testing' : null;
    case 'decide':
      return from === 'testing' ? 'completed' : null;
    case 'promote':
      return isOpenStatus(from) ? 'completed' : null;
    case 'cancel':
      return isOpenStatus(from) ? 'cancelled' : null;
    case 'fail':
      return isInterruptedRun(from) ? 'failed' : null;
    default:
      return event satisfies never;
  }
}

/**
 * The evolution session's state machine: the status `event` moves a session in `from` (null: not
 * yet stored) to. Every write of `evolution_sessions.status` goes through it.
 *
 * @throws RefusedTransitionError when the event does not apply to `from`.
 */
export function transition(from: SessionStatus | null, event: SessionEvent): SessionStatus {
  const to = nextStatus(from, event);
  if (to === null) throw new RefusedTransitionError(from, event);
  return to;
}
