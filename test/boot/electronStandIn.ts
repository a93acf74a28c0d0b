import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  Event,
  HandlerDetails,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import type { SenderFrame } from '../../src/main/isTrustedSender';
import type {
  MainApp,
  MainElectron,
  MainNotification,
  MainTray,
  MainWebContents,
  MainWindow,
} from '../../src/main/mainElectron';
import { fakeSafeStorage } from '../support/fakeSafeStorage';

/**
 * Electron as far as the main process uses it (`MainElectron`, typed by Electron's own
 * declarations), for booting the real `src/main` composition in a test. Each `BrowserWindow` is a
 * real headless Chromium page: `loadURL('app://tinyarms/…')` is served by the handler main
 * registered with `protocol.handle` (over a local HTTP server, since Chromium cannot be taught the
 * scheme), and the page runs the built preload with its `require('electron')` answered by a
 * `contextBridge` and `ipcRenderer` that reach this stand-in's `ipcMain`. What only the Electron
 * binary can do — tray pixels, OS notifications, the keychain, dialogs — is recorded and driven by
 * the test through `control`.
 */

export interface StandInImage {
  readonly path: string;
  template: boolean;
  setTemplateImage(option: boolean): void;
}

interface StandInMenu {
  readonly items: MenuItemConstructorOptions[];
}

export interface ShownNotificationRecord {
  readonly options: NotificationConstructorOptions;
  shown: boolean;
  closed: boolean;
  /** Presses button `index`, as macOS delivers it. */
  act(index: number): void;
  click(): void;
}

export interface StandInControl {
  readonly electron: MainElectron<StandInImage, StandInWindow, StandInMenu>;
  readonly windows: StandInWindow[];
  readonly notifications: ShownNotificationRecord[];
  readonly tray: () => StandInTray;
  /** Answers of the next open dialogs (a path, or null for Cancel), in order. */
  readonly dialogAnswers: (string | null)[];
  /** Dialogs main opened, with their options. */
  readonly dialogs: OpenDialogOptions[];
  /** Error boxes main showed (a start-up failure); a healthy boot shows none. */
  readonly errorBoxes: { title: string; content: string }[];
  /** Console errors, failed requests and CSP violations in the pages. */
  readonly problems: string[];
  /** Set by `app.exit`, and by `app.quit` once no will-quit listener prevents it. */
  readonly exited: () => number | null;
  /** Resolves with the exit code once the app has exited. */
  whenExited(): Promise<number>;
  /** Resolves when the windows' pages are closed and the protocol server stopped. */
  close(): Promise<void>;
}

const APP_URL = /^app:\/\/tinyarms(\/.*)?$/;

/** A page window; main only sees the {@link MainWindow} surface. */
export class StandInWindow implements MainWindow {
  readonly webContents: StandInContents;
  readonly options: BrowserWindowConstructorOptions;
  private readonly events = new EventEmitter();
  private visible = false;
  private destroyed = false;
  private position: [number, number] = [0, 0];
  /** The app URL the page was loaded from (what main believes it loaded). */
  appUrl: string | null = null;
  readonly page: Promise<Page>;
  /** Settles once the page has loaded (its preload has subscribed); main's sends wait for it. */
  readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};

  constructor(
    options: BrowserWindowConstructorOptions,
    private readonly host: StandInHost,
  ) {
    this.options = options;
    this.loaded = new Promise((resolve) => {
      this.markLoaded = resolve;
    });
    const size = { width: options.width ?? 800, height: options.height ?? 600 };
    this.page = host.newPage(size, this);
    this.webContents = new StandInContents(this, host);
    host.windows.push(this);
    host.app.emit('web-contents-created', {}, this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    const match = APP_URL.exec(url);
    if (!match) throw new Error(`the stand-in serves only app://tinyarms pages, not ${url}`);
    this.appUrl = url;
    const page = await this.page;
    await page.goto(`${this.host.serverUrl()}${match[1] ?? '/'}`);
    this.markLoaded();
    this.events.emit('ready-to-show');
  }

  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getSize(): number[] {
    return [this.options.width ?? 800, this.options.height ?? 600];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  getPosition(): [number, number] {
    return this.position;
  }
  setVisibleOnAllWorkspaces(): void {}
  show(): void {
    this.visible = true;
    this.events.emit('focus');
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.events.emit('focus');
  }
  /** What clicking elsewhere does to a popover. */
  blur(): void {
    this.events.emit('blur');
  }
  on(event: 'blur' | 'focus', listener: () => void): this {
    this.events.on(event, listener);
    return this;
  }
  once(event: 'ready-to-show', listener: () => void): this {
    this.events.once(event, listener);
    return this;
  }
  async destroy(): Promise<void> {
    this.destroyed = true;
    await (await this.page).close();
  }
}

export class StandInContents implements MainWebContents {
  /** Navigation guards main installed (`will-navigate`, …) and the window-open handler. */
  readonly guards = new Map<string, ((event: Event) => void)[]>();
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  /** Every event main sent to this page, in order. */
  readonly sent: { channel: string; payload: unknown }[] = [];

  constructor(
    readonly window: StandInWindow,
    private readonly host: StandInHost,
  ) {}

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, payload: args[0] });
    // Delivered once the page is loaded: a page mid-navigation has no listeners (and no context) yet.
    void Promise.all([this.window.page, this.window.loaded]).then(([page]) =>
      page
        .evaluate(
          ([name, payload]) => (globalThis as unknown as StandInPageGlobals).__standInDeliver(name, payload),
          [channel, args[0]] as const,
        )
        .catch((error: unknown) => {
          if (!this.window.isDestroyed()) this.host.problems.push(`send ${channel}: ${String(error)}`);
        }),
    );
  }
  isDestroyed(): boolean {
    return this.window.isDestroyed();
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  on(event: string, listener: (event: Event) => void): this {
    this.guards.set(event, [...(this.guards.get(event) ?? []), listener]);
    return this;
  }
}

interface StandInPageGlobals {
  __standInDeliver(channel: string, payload: unknown): void;
}

export class StandInTray implements MainTray<StandInImage, StandInMenu> {
  private readonly events = new EventEmitter();
  image: StandInImage;
  toolTip = '';
  lastMenu: StandInMenu | null = null;
  readonly bounds: Rectangle = { x: 1200, y: 0, width: 22, height: 24 };

  constructor(image: StandInImage) {
    this.image = image;
  }
  setImage(image: StandInImage): void {
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setIgnoreDoubleClickEvents(): void {}
  getBounds(): Rectangle {
    return this.bounds;
  }
  on(event: 'click' | 'right-click', listener: (...args: never[]) => void): this {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }
  popUpContextMenu(menu: StandInMenu): void {
    this.lastMenu = menu;
  }
  /** A left click on the icon. */
  click(): void {
    this.events.emit('click', {}, this.bounds);
  }
  /** A right click, then a click on the menu item labelled `label`. */
  choose(label: string): void {
    this.events.emit('right-click');
    const item = this.lastMenu?.items.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no menu item ${label}`);
    (item.click as () => void)();
  }
}

/** What the classes share: the page factory, the protocol server, the recorders. */
interface StandInHost {
  readonly app: EventEmitter;
  readonly windows: StandInWindow[];
  readonly problems: string[];
  newPage(size: { width: number; height: number }, window: StandInWindow): Promise<Page>;
  serverUrl(): string;
}

/**
 * Makes a stand-in whose windows open in `context` (a Chromium context of the caller's) and whose
 * preload is `preloadFile` (the built `out/preload/index.cjs`).
 */
export async function electronStandIn(options: {
  context: BrowserContext;
  preloadFile: string;
  appPath: string;
  version: string;
}): Promise<StandInControl> {
  const app = new EventEmitter();
  const windows: StandInWindow[] = [];
  const notifications: ShownNotificationRecord[] = [];
  const problems: string[] = [];
  const dialogAnswers: (string | null)[] = [];
  const dialogs: OpenDialogOptions[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const handlers = new Map<
    string,
    (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>
  >();
  const schemes = new Map<string, (request: Request) => Promise<Response> | Response>();
  let tray: StandInTray | null = null;
  let exitCode: number | null = null;
  let loginItem = false;

  // app://tinyarms/<path> ↔ http://127.0.0.1:<port>/<path>: the handler main registered answers both.
  const server: Server = createServer((request, response) => {
    const handler = schemes.get('app');
    if (!handler) {
      response.writeHead(503).end();
      return;
    }
    void Promise.resolve(
      handler(new Request(`app://tinyarms${request.url ?? '/'}`, { method: request.method ?? 'GET' })),
    )
      .then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => {
        problems.push(`app:// handler failed: ${String(error)}`);
        response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const preloadSource = readFileSync(options.preloadFile, 'utf8');

  const host: StandInHost = {
    app,
    windows,
    problems,
    serverUrl: () => serverUrl,
    async newPage(size, window) {
      const page = await options.context.newPage();
      await page.setViewportSize(size);
      page.on('console', (message) => {
        // A failed load is reported below with its URL.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          problems.push(`console: ${message.text()}`);
      });
      // Chromium asks a page for /favicon.ico; an Electron window does not, so that one is not a problem.
      page.on('response', (answer) => {
        if (answer.status() >= 400 && new URL(answer.url()).pathname !== '/favicon.ico')
          problems.push(`${answer.status()} for ${answer.url()}`);
      });
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      // The preload's ipcRenderer.invoke, answered by the handlers main registered on ipcMain, with
      // the frame as Electron reports it: the app:// URL main loaded, the main frame.
      await page.exposeBinding('__standInInvoke', async (_source, channel: string, args: unknown[]) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        const frame: SenderFrame = { url: window.appUrl ?? '', parent: null };
        return handler({ senderFrame: frame }, ...args);
      });
      await page.addInitScript({ content: preloadRunner(preloadSource) });
      return page;
    },
  };

  const standInApp: MainApp = {
    isPackaged: false,
    dock: { hide() {} },
    quit() {
      // As Electron: a will-quit listener may prevent the quit (and quit again when it is ready).
      let prevented = false;
      app.emit('will-quit', {
        preventDefault: () => {
          prevented = true;
        },
      });
      if (!prevented) standInApp.exit(0);
    },
    exit(code?: number) {
      exitCode ??= code ?? 0;
      app.emit('stand-in:exit');
    },
    getVersion: () => options.version,
    getAppPath: () => options.appPath,
    getLoginItemSettings: () => ({ openAtLogin: loginItem }) as ReturnType<MainApp['getLoginItemSettings']>,
    setLoginItemSettings(settings) {
      loginItem = settings.openAtLogin ?? loginItem;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on(event: string, listener: (...args: never[]) => void) {
      app.on(event, listener as (...args: unknown[]) => void);
      return standInApp;
    },
  };

  class Notification implements MainNotification {
    private readonly events = new EventEmitter();
    readonly record: ShownNotificationRecord;
    static isSupported(): boolean {
      return true;
    }
    constructor(notificationOptions: NotificationConstructorOptions) {
      const events = this.events;
      this.record = {
        options: notificationOptions,
        shown: false,
        closed: false,
        act: (actionIndex) => events.emit('action', { actionIndex }),
        click: () => events.emit('click'),
      };
    }
    on(event: 'action' | 'click' | 'close', listener: (...args: never[]) => void): this {
      this.events.on(event, listener as (...args: unknown[]) => void);
      return this;
    }
    show(): void {
      this.record.shown = true;
      notifications.push(this.record);
    }
    close(): void {
      this.record.closed = true;
      this.events.emit('close');
    }
  }

  const electron: MainElectron<StandInImage, StandInWindow, StandInMenu> = {
    app: standInApp,
    BrowserWindow: class extends StandInWindow {
      constructor(windowOptions: BrowserWindowConstructorOptions) {
        super(windowOptions, host);
      }
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        errorBoxes.push({ title, content });
      },
      async showOpenDialog(...args: [StandInWindow, OpenDialogOptions] | [OpenDialogOptions]) {
        const dialogOptions = args.length === 2 ? args[1] : args[0];
        dialogs.push(dialogOptions);
        const answer = dialogAnswers.shift() ?? null;
        return {
          canceled: answer === null,
          filePaths: answer === null ? [] : [answer],
        } satisfies OpenDialogReturnValue;
      },
    },
    ipcMain: {
      handle(channel, listener) {
        handlers.set(channel, listener);
      },
    },
    Menu: { buildFromTemplate: (items) => ({ items }) },
    Notification,
    nativeImage: {
      createFromPath(path) {
        if (!existsSync(path)) problems.push(`no image at ${path}`);
        return {
          path,
          template: false,
          setTemplateImage(option) {
            this.template = option;
          },
        };
      },
    },
    powerMonitor: {
      isOnBatteryPower: () => false,
      // Someone is at the Mac: due evolutions wait, so they do not compete with the scenario.
      getSystemIdleTime: () => 0,
      on: (event, listener) => app.on(`power:${event}`, listener),
    },
    protocol: {
      handle(scheme, handler) {
        schemes.set(scheme, handler);
      },
      registerSchemesAsPrivileged(_schemes: CustomScheme[]) {},
    },
    safeStorage: fakeSafeStorage(),
    screen: {
      getDisplayNearestPoint: () =>
        ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }) as ReturnType<
          MainElectron['screen']['getDisplayNearestPoint']
        >,
    },
    session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
    shell: { openExternal: async () => {} },
    Tray: class extends StandInTray {
      constructor(image: StandInImage) {
        super(image);
        tray = this;
      }
    },
  };

  return {
    electron,
    windows,
    notifications,
    tray: () => {
      if (!tray) throw new Error('main has not made its tray yet');
      return tray;
    },
    dialogAnswers,
    dialogs,
    errorBoxes,
    problems,
    exited: () => exitCode,
    whenExited: () =>
      exitCode !== null
        ? Promise.resolve(exitCode)
        : new Promise((resolve) => app.once('stand-in:exit', () => resolve(exitCode ?? 0))),
    async close() {
      for (const window of windows) if (!window.isDestroyed()) await window.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * The init script that runs the built preload in the page before the page's own scripts, with
 * `require('electron')` answered by a `contextBridge` and an `ipcRenderer` over the stand-in's
 * bindings. The source is inlined (no eval, which the page's CSP forbids); init scripts are not
 * subject to the CSP.
 */
function preloadRunner(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window.__standInInvoke(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  Object.defineProperty(window, '__standInDeliver', {
    value: (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, payload);
    },
  });
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: true }),
    },
    ipcRenderer,
  };
  const require = (name) => {
    if (name !== 'electron') throw new Error('a sandboxed preload can only require electron, not ' + name);
    return electron;
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}
