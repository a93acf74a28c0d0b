import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  CustomScheme,
  Dialog,
  Menu as ElectronMenu,
  Event,
  HandlerDetails,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  PowerMonitor,
  Protocol,
  Rectangle,
  Screen,
  Shell,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import type { PermissionSession } from './hardenWebContents';
import type { IpcMainPort } from './registerIpc';
import type { SafeStoragePort } from './safeStorageSecretStore';

/**
 * The part of Electron the main process uses, and nothing more. `src/main/index.ts` hands it the real
 * `electron` module, so the type-check proves Electron provides all of it; the booted-main tests hand
 * it a stand-in (test/boot/electronStandIn.ts) typed by the same declarations, so drift in either
 * fails the type-check. Picks of Electron's own interfaces wherever a method has one signature; the
 * overloaded `on`s are narrowed to the events main listens to.
 */
export interface MainWebContents extends Pick<WebContents, 'send' | 'isDestroyed'> {
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate', listener: (event: Event) => void): unknown;
  on(event: 'will-redirect', listener: (event: Event) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
}

export interface MainWindow {
  readonly webContents: MainWebContents;
  loadURL(url: string): Promise<void>;
  isVisible(): boolean;
  isDestroyed(): boolean;
  getSize(): number[];
  setPosition(x: number, y: number): void;
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void;
  show(): void;
  hide(): void;
  focus(): void;
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'focus', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface MainTray<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(toolTip: string): void;
  setIgnoreDoubleClickEvents(ignore: boolean): void;
  getBounds(): Rectangle;
  on(event: 'click', listener: (event: unknown, bounds: Rectangle) => void): unknown;
  on(event: 'right-click', listener: () => void): unknown;
  popUpContextMenu(menu: Menu): void;
}

export interface MainNotification {
  on(event: 'action', listener: (details: { actionIndex: number }) => void): unknown;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export interface MainApp
  extends Pick<
    App,
    | 'quit'
    | 'exit'
    | 'getVersion'
    | 'getAppPath'
    | 'getLoginItemSettings'
    | 'setLoginItemSettings'
    | 'requestSingleInstanceLock'
    | 'whenReady'
  > {
  readonly isPackaged: boolean;
  readonly dock?: { hide(): void } | undefined;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: Event) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: MainWebContents) => void): unknown;
}

/** What main does to an image: mark the tray icons as templates (macOS recolours them). */
export interface MainImage {
  setTemplateImage(option: boolean): void;
}

/**
 * `Image`, `Window` and `Menu` are Electron's `NativeImage`, `BrowserWindow` and `Menu` in the app;
 * the stand-in has its own.
 */
export interface MainElectron<
  Image extends MainImage = NativeImage,
  Window extends MainWindow = BrowserWindow,
  Menu = ElectronMenu,
> {
  readonly app: MainApp;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => Window;
  readonly dialog: Pick<Dialog, 'showErrorBox'> & {
    showOpenDialog(window: Window, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  };
  readonly ipcMain: IpcMainPort;
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  readonly Notification: (new (
    options: NotificationConstructorOptions,
  ) => MainNotification) & {
    isSupported(): boolean;
  };
  readonly nativeImage: { createFromPath(path: string): Image };
  readonly powerMonitor: Pick<PowerMonitor, 'isOnBatteryPower' | 'getSystemIdleTime'> & {
    on(event: 'resume', listener: () => void): unknown;
  };
  readonly protocol: Pick<Protocol, 'handle'> & {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  };
  readonly safeStorage: SafeStoragePort;
  readonly screen: Pick<Screen, 'getDisplayNearestPoint'>;
  readonly session: { readonly defaultSession: PermissionSession };
  readonly shell: Pick<Shell, 'openExternal'>;
  readonly Tray: new (image: Image) => MainTray<Image, Menu>;
}
