import type { ConfigError } from '../config/configError';
import type { CoreContext } from '../coreContext';

/**
 * The open core as a long-running surface (the app, `tinyarms watch`) holds it. `ctx` is replaced
 * (never mutated) when settings change, so whoever reads `ref.ctx` each time sees the settings in force.
 */
export interface CoreRef {
  ctx: CoreContext;
  /** What was wrong with config.yaml when it was last read; `null` when it was fine. */
  configError: ConfigError | null;
}
