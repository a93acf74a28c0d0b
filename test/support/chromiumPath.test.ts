import { describe, expect, it } from 'vitest';
import { type ChromiumPorts, ensureChromium, findChromium, NO_CHROMIUM_HELP } from './chromiumPath';

const ports = (installed: string[], env: NodeJS.ProcessEnv = {}): ChromiumPorts => ({
  env,
  exists: (path) => installed.includes(path),
  playwrightChromium: () => '/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome',
});

describe('the test setup’s Chromium', () => {
  it('takes TINYARMS_CHROMIUM, then a system browser, then one Playwright fetched earlier', () => {
    expect(findChromium(ports(['/usr/bin/chromium'], { TINYARMS_CHROMIUM: '/opt/chrome' }))).toBe(
      '/opt/chrome',
    );
    expect(findChromium(ports(['/usr/bin/google-chrome']))).toBe('/usr/bin/google-chrome');
    expect(findChromium(ports(['/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome']))).toBe(
      '/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome',
    );
    expect(findChromium(ports([]))).toBeNull();
  });

  it('fetches one with Playwright when none is installed, and uses what it fetched', () => {
    const installed: string[] = [];
    let installs = 0;
    const path = ensureChromium(ports(installed), () => {
      installs++;
      installed.push('/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome');
    });
    expect(installs).toBe(1);
    expect(path).toBe('/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome');
    // Found: nothing is fetched.
    ensureChromium(ports(['/usr/bin/chromium']), () => {
      throw new Error('must not install');
    });
  });

  it('says exactly how to get one when the fetch fails (no CDN) or fetched nothing', () => {
    const offline = () => {
      throw new Error('getaddrinfo ENOTFOUND cdn.playwright.dev');
    };
    expect(() => ensureChromium(ports([]), offline)).toThrow(NO_CHROMIUM_HELP);
    expect(() => ensureChromium(ports([]), () => undefined)).toThrow(NO_CHROMIUM_HELP);
    expect(NO_CHROMIUM_HELP).toMatch(/apt-get install chromium/);
    expect(NO_CHROMIUM_HELP).toMatch(/brew install --cask chromium/);
    expect(NO_CHROMIUM_HELP).toMatch(/npx playwright-core install chromium/);
    expect(NO_CHROMIUM_HELP).toMatch(/TINYARMS_CHROMIUM/);
  });
});
