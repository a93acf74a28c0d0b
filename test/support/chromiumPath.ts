import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium } from 'playwright-core';

/** Where a Chromium-family browser usually lives: Debian/Ubuntu first (CI), then macOS apps. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What a newcomer without a browser reads before any suite starts. */
export const NO_CHROMIUM_HELP = [
  'The renderer and app tests drive a real Chromium, and none was found',
  `(looked at $TINYARMS_CHROMIUM, ${CANDIDATES.join(', ')} and Playwright's own browser folder).`,
  'Get one, then run npm test again:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  macOS:          brew install --cask chromium   (or install Google Chrome)',
  '  anywhere Playwright’s CDN is reachable:  npx playwright-core install chromium',
  '  or point TINYARMS_CHROMIUM at a Chromium or Chrome executable.',
].join('\n');

export interface ChromiumPorts {
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  /** Where Playwright's own download of Chromium lives (it may not be there). */
  playwrightChromium: () => string;
}

const systemPorts: ChromiumPorts = {
  env: process.env,
  exists: existsSync,
  playwrightChromium: () => chromium.executablePath(),
};

/**
 * The browser the renderer tests drive: `TINYARMS_CHROMIUM`, else the first installed candidate,
 * else one Playwright downloaded earlier; `null` when there is none.
 */
export function findChromium(ports: ChromiumPorts = systemPorts): string | null {
  if (ports.env.TINYARMS_CHROMIUM) return ports.env.TINYARMS_CHROMIUM;
  const system = CANDIDATES.find((path) => ports.exists(path));
  if (system) return system;
  const own = ports.playwrightChromium();
  return own && ports.exists(own) ? own : null;
}

/** {@link findChromium}, or the error that says how to get one. */
export function chromiumPath(ports: ChromiumPorts = systemPorts): string {
  const found = findChromium(ports);
  if (!found) throw new Error(NO_CHROMIUM_HELP);
  return found;
}

/**
 * For the test setup: a Chromium, fetching one with Playwright's installer when none is installed
 * and its CDN answers (it does not on CI, which installs Debian's). Throws {@link NO_CHROMIUM_HELP}
 * when that fails too, so the run stops before any suite instead of deep inside one.
 */
export function ensureChromium(
  ports: ChromiumPorts = systemPorts,
  install: () => void = installWithPlaywright,
): string {
  const found = findChromium(ports);
  if (found) return found;
  try {
    install();
  } catch {
    throw new Error(NO_CHROMIUM_HELP);
  }
  return chromiumPath(ports);
}

function installWithPlaywright(): void {
  const cli = createRequire(import.meta.url).resolve('playwright-core/cli.js');
  process.stderr.write(
    'No Chromium found: fetching one with Playwright (npx playwright-core install chromium)…\n',
  );
  execFileSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: 600_000 });
}

/** Headless Chromium as the page tests run it: no sandbox (containers), no GPU, no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
