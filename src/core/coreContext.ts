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

/** A problem the user caused and can fix (unknown skill, bad arm letter…): one line, exit code 1. */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
}
