import { existsSync } from 'node:fs';

/** Where a Chromium-family browser usually lives: Debian/Ubuntu first (CI), then macOS apps. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * The browser the renderer tests drive: `TINYARMS_CHROMIUM`, else the first installed candidate.
 * Playwright's own browser download is unreachable on CI, so a system browser is used everywhere.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.TINYARMS_CHROMIUM || CANDIDATES.find((path) => existsSync(path));
  if (!chosen) {
    throw new Error(
      `no Chromium found (looked at ${CANDIDATES.join(', ')}); install one (Debian: apt-get install chromium) or set TINYARMS_CHROMIUM`,
    );
  }
  return chosen;
}
