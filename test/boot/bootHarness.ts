import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DATABASE_FILE } from '../../src/core/store/openDatabase';
import { bootMain } from '../../src/main/bootMain';
import { buildRenderer, repoRoot } from '../e2e/buildRenderer';
import { screenshots } from '../e2e/pageHarness';
import { launchChromium } from '../support/chromiumPath';
import { electronStandIn, type StandInControl, type StandInWindow } from './electronStandIn';

export interface Launched {
  standIn: StandInControl;
  /** What main logged (console.error in the app); a healthy run logs nothing. */
  logs: string[];
  popover(): Promise<{ window: StandInWindow; page: Page }>;
  /** Quit from the tray menu, as the user does; resolves once the app has exited. */
  quit(): Promise<void>;
}

/**
 * The production composition of src/main (`bootMain`, as src/main/index.ts calls it) on the Electron
 * stand-in, for one test file: builds the renderer and the preload into a folder of its own and
 * starts Chromium before the tests, cleans up after. `launch` starts the app as a login or a
 * double-click would: a fresh Electron, on the home and data folder given.
 */
export function bootHarness() {
  let browser: Browser;
  let work: string;
  let rendererRoot: string;
  let preload: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tinyarms-boot-'));
    rendererRoot = await buildRenderer(join(work, 'renderer'));
    // The preload as electron-vite builds it: one CommonJS file, everything inlined but `electron`.
    preload = join(work, 'preload', 'index.cjs');
    await build({
      entryPoints: [join(repoRoot, 'src', 'preload', 'index.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      external: ['electron'],
      outfile: preload,
      logLevel: 'warning',
    });
    mkdirSync(screenshots, { recursive: true });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  return {
    /** A fresh folder for a test's home (removed with the harness's). */
    home: () => mkdtempSync(join(work, 'home-')),
    preload: () => preload,
    async launch(home: string, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Launched> {
      const context = await browser.newContext({
        deviceScaleFactor: 2,
        colorScheme: 'light',
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      const standIn = await electronStandIn({
        context,
        preloadFile: preload,
        appPath: repoRoot,
        version: '0.1.0',
      });
      const logs: string[] = [];
      await bootMain(standIn.electron, {
        env: { TINYARMS_HOME: dataDir, ...env },
        platform: 'darwin',
        home,
        cwd: home,
        pid: process.pid,
        resourcesPath: join(home, 'Resources'),
        preload,
        rendererRoot,
        // node_modules' better-sqlite3 (Node's ABI): the Electron build is for the Electron binary only.
        nativeBinding: () => undefined,
        log: (message) => logs.push(message),
      });
      expect(standIn.errorBoxes).toEqual([]);
      return {
        standIn,
        logs,
        async popover() {
          const window = standIn.windows.find((w) => w.appUrl?.endsWith('/index.html'));
          if (!window) throw new Error('no popover window');
          return { window, page: await window.page };
        },
        async quit() {
          const exited = standIn.whenExited();
          standIn.tray().choose('Quit tinyArms');
          expect(await exited).toBe(0);
          await standIn.close();
          await context.close();
        },
      };
    },
  };
}

/** Rows from the app's database through a read-only connection of the test's own. */
export function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
