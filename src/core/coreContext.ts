import type { UserInputCode } from '../shared/values/userInputCodes';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Rng } from './rng';
import type { Store } from './store/openStore';

/** What every core service needs: the open store, the loaded config, injected time and randomness. */
export interface CoreContext {
  readonly dataDir: string;
  readonly store: Store;
  readonly config: Config;
  readonly clock: Clock;
  readonly rng: Rng;
}

/** What each {@link UserInputCode} tells a surface, so it can word the problem its own way. */
export interface UserInputDetails {
  'invalid-input': Record<never, never>;
  'unknown-skill': { skill: string; known: readonly string[] };
  'skill-not-installed': { skill: string };
  'no-task': { task: string };
  'no-session': { session: string };
  /** The skill already has an open session, so another cannot start. */
  'session-open': { skill: string; session: string; status: string };
  /** The session is closed (or still breeding): it takes no votes. */
  'session-closed': { session: string; status: string };
  'session-being-bred': { skill: string; session: string; holder: string };
  'no-ab-test': { skill: string };
  'no-reference-example': { skill: string };
  'unknown-arm': { unknown: readonly string[]; arms: readonly string[] };
  'duplicate-arm': { shown: readonly string[] };
  'too-few-arms': { shown: number };
  'too-many-arms': { shown: number; max: number };
  'chosen-not-shown': { chosen: string; shown: readonly string[] };
  'vote-key-reused': { key: string };
  'no-arm-output': { task: string; arm: string };
  'no-suggestion': { task: string };
  'suggestion-expired': { task: string };
  /** `status`: what became of it (answered, superseded), `meanwhile` when another answer won a race. */
  'suggestion-answered': { task: string; status: string };
}

/** A code with its details, e.g. `{ code: 'duplicate-arm', shown: ['A', 'A'] }`. */
export type UserInputProblem = {
  [C in UserInputCode]: { readonly code: C } & Readonly<UserInputDetails[C]>;
}[UserInputCode];

// Every declared code has details, and nothing else does.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const detailsCoverCodes: Same<keyof UserInputDetails, UserInputCode> = true;
void detailsCoverCodes;

/**
 * A problem the user caused and can fix (unknown skill, bad arm letter…): one line, exit code 1.
 * `message` is the core's plain wording, naming no CLI flag or command; the CLI and the app word
 * `problem` their own way where they need to.
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(
    message: string,
    readonly problem: UserInputProblem = { code: 'invalid-input' },
  ) {
    super(message);
  }

  get code(): UserInputCode {
    return this.problem.code;
  }
}
