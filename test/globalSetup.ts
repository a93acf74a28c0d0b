import { execFileSync } from 'node:child_process';
import { ensureChromium } from './support/chromiumPath';

/**
 * The CLI tests run the real `tinyarms` binary, so bundle it from the current sources first. The
 * renderer tests need a Chromium: found (or fetched) here, so a machine without one hears how to get
 * it before any suite starts; the workers inherit the path.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  process.env.TINYARMS_CHROMIUM = ensureChromium();
}
