import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  APP_CSP_HEADER,
  appScheme,
  createAppProtocolHandler,
  resolveAppUrl,
} from '../../src/main/appProtocol';
import { secureWebPreferences } from '../../src/main/createSecureWindow';
import { hardenSession, hardenWebContents, isAllowedExternalUrl } from '../../src/main/hardenWebContents';
import { isTrustedSender } from '../../src/main/isTrustedSender';
import { openPopoverWindow } from '../../src/main/popoverWindow';
import { preferencesWindowOpener } from '../../src/main/preferencesWindow';

const repo = join(import.meta.dirname, '..', '..');

/** Records the options each window is constructed with, like the Electron binary would receive them. */
function recordingWindowClass() {
  const made: { options: BrowserWindowConstructorOptions; calls: string[] }[] = [];
  class RecordingWindow {
    readonly calls: string[] = [];
    constructor(readonly options: BrowserWindowConstructorOptions) {
      made.push(this);
    }
    loadURL(url: string) {
      this.calls.push(`load ${url}`);
      return Promise.resolve();
    }
    setVisibleOnAllWorkspaces(visible: boolean) {
      this.calls.push(`all-workspaces ${visible}`);
    }
    show() {
      this.calls.push('show');
    }
    focus() {
      this.calls.push('focus');
    }
    isDestroyed() {
      return false;
    }
    once(event: string, listener: () => void) {
      this.calls.push(`once ${event}`);
      if (event === 'ready-to-show') listener();
      return this;
    }
  }
  return { RecordingWindow, made };
}

const expectedWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};

describe('windows are created through the one secure path', () => {
  it('the popover: secure web preferences, our preload, hidden, frameless, loaded from app://', () => {
    const { RecordingWindow, made } = recordingWindowClass();
    const window = openPopoverWindow(RecordingWindow, { preload: '/app/out/preload/index.cjs' });
    const options = made[0]?.options;
    expect(options?.webPreferences).toMatchObject(expectedWebPreferences);
    expect(options?.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
    expect(options?.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options).toMatchObject({ show: false, frame: false, resizable: false, skipTaskbar: true });
    expect(window.calls).toEqual(['all-workspaces true', 'load app://tinyarms/index.html']);
  });

  it('the preferences window: the same preferences, one window however often it is opened', () => {
    const { RecordingWindow, made } = recordingWindowClass();
    const opener = preferencesWindowOpener(RecordingWindow, { preload: '/p.cjs' });
    opener.open();
    opener.open();
    expect(made).toHaveLength(1);
    expect(made[0]?.options.webPreferences).toMatchObject({ ...expectedWebPreferences, preload: '/p.cjs' });
    expect(made[0]?.calls).toContain('load app://tinyarms/preferences.html');
  });

  it('loads from the dev server only when electron-vite dev says so', () => {
    const { RecordingWindow } = recordingWindowClass();
    const window = openPopoverWindow(RecordingWindow, {
      preload: '/p.cjs',
      devServerUrl: 'http://localhost:5173',
    });
    expect(window.calls).toContain('load http://localhost:5173/index.html');
  });

  it('the secure preferences cannot be loosened at run time', () => {
    expect(Object.isFrozen(secureWebPreferences)).toBe(true);
  });
});

describe('session and web contents hardening', () => {
  it('denies every permission request and check', () => {
    let request: ((...args: never[]) => void) | null = null;
    let check: ((...args: never[]) => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: (handler) => {
        request = handler as never;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler as never;
      },
    });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = [];
      (request as unknown as (c: unknown, p: string, cb: (granted: boolean) => void) => void)(
        {},
        permission,
        (granted) => answers.push(granted),
      );
      expect(answers).toEqual([false]);
      expect((check as unknown as (c: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
  });

  it('blocks navigation, redirects, webviews and new windows; opens only allow-listed links outside', () => {
    const listeners: Record<string, (event: { preventDefault(): void }) => void> = {};
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const opened: string[] = [];
    hardenWebContents(
      {
        setWindowOpenHandler: (handler) => {
          openHandler = handler as never;
        },
        on: (event: string, listener: (event: never) => void) => {
          listeners[event] = listener as never;
        },
      },
      (url) => opened.push(url),
    );
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners[event]?.({ preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    const open = openHandler as unknown as (details: { url: string }) => { action: string };
    expect(open({ url: 'https://github.com/tinyarms/tinyarms' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/tinyarms/tinyarms']);
  });

  it('allow-lists exact https origins only', () => {
    expect(isAllowedExternalUrl('https://huggingface.co/HuggingFaceTB')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('IPC sender check', () => {
  const main = (url: string) => ({ url, parent: null });
  it('accepts only the main frame of our own pages', () => {
    expect(isTrustedSender(main('app://tinyarms/index.html'))).toBe(true);
    expect(isTrustedSender(main('app://tinyarms/preferences.html#general'))).toBe(true);
    expect(isTrustedSender({ url: 'app://tinyarms/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(main('app://other/index.html'))).toBe(false);
    expect(isTrustedSender(main('file:///work/out/renderer/index.html'))).toBe(false);
    expect(isTrustedSender(main('https://tinyarms/index.html'))).toBe(false);
    expect(isTrustedSender(main('about:blank'))).toBe(false);
  });
  it('accepts the dev server origin only while running under electron-vite dev', () => {
    expect(isTrustedSender(main('http://localhost:5173/index.html'))).toBe(false);
    expect(isTrustedSender(main('http://localhost:5173/index.html'), 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(main('http://localhost:5174/'), 'http://localhost:5173')).toBe(false);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'tinyarms-renderer-'));
  const outside = mkdtempSync(join(tmpdir(), 'tinyarms-outside-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'export {}');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'leak.js'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const handler = createAppProtocolHandler(root);
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('is registered as a standard, secure scheme that does not bypass the CSP', () => {
    expect(appScheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(appScheme.privileges).not.toHaveProperty('bypassCSP');
    expect(appScheme.privileges).not.toHaveProperty('allowServiceWorkers');
  });

  it('serves the built pages with their content type, nosniff and the CSP header', async () => {
    const page = await get('app://tinyarms/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP_HEADER);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>t</title>');
    expect((await get('app://tinyarms/assets/index-1.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await get('app://tinyarms/')).status).toBe(200);
  });

  it('refuses anything outside the renderer folder, other hosts and writes', async () => {
    for (const url of [
      'app://tinyarms/../secret.txt',
      'app://tinyarms/%2e%2e/%2e%2e/etc/passwd',
      'app://tinyarms/assets/..%2f..%2fsecret.txt',
      'app://tinyarms/assets/leak.js',
      'app://tinyarms/missing.html',
      'app://evil/index.html',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await get('app://tinyarms/index.html', 'POST')).status).toBe(405);
    expect(resolveAppUrl('app://tinyarms/%E0%A4%A', root)).toBeNull();
    expect(resolveAppUrl('app://tinyarms/a%00b', root)).toBeNull();
  });
});

describe('pages and packaging', () => {
  for (const page of ['index.html', 'preferences.html']) {
    it(`${page} carries a <meta> CSP that allows scripts only from the app`, () => {
      const html = readFileSync(join(repo, 'src', 'renderer', page), 'utf8');
      const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1]?.trim();
      expect(scriptSrc).toBe("'self'");
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
      expect(csp).toMatch(/object-src 'none'/);
    });
  }

  const builder = parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8'));

  it('electron-builder.yml sets the fuses, unpacks native modules and builds dmg + zip for both Mac archs', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    expect(builder.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/node-llama-cpp/**']),
    );
    expect(builder.mac.extendInfo.LSUIElement).toBe(true);
    expect(builder.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    // The app's better-sqlite3 is the Electron copy; node_modules keeps Node's for the CLI and tests.
    expect(builder.npmRebuild).toBe(false);
    expect(builder.extraResources).toContainEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's own ${arch} macro.
      from: 'out/native/electron/${arch}',
      to: 'native',
      filter: ['better_sqlite3.node'],
    });
  });

  it('electron-builder.yml passes electron-builder’s own schema', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(builder, new DebugLogger())).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...builder, fuses: {} }, new DebugLogger())).rejects.toThrow(
      /fuses/,
    );
  });
});
