import { join } from 'node:path';
import { app, ipcMain, Menu, nativeImage, session, Tray, type WebFrameMain } from 'electron';
import type { z } from 'zod';
import { type ChannelKey, type Channels, channels, type ResponseOf } from '../shared/ipc/channels';

/** Set by `electron-vite dev`; absent in a built app, which loads the renderer from disk. */
const devRendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFileUrl = new URL('../renderer/index.html', import.meta.url);

/** Kept at module level: a Tray that is garbage-collected disappears from the menu bar. */
let tray: Tray | undefined;

/** Main frame of our own renderer only, so an iframe or a navigated-away page cannot call main. */
function isTrustedFrame(frame: WebFrameMain | null): boolean {
  if (frame === null || frame.parent !== null) return false;
  if (!URL.canParse(frame.url)) return false;
  const url = new URL(frame.url);
  if (devRendererUrl !== undefined) return url.origin === new URL(devRendererUrl).origin;
  return url.protocol === 'file:' && url.pathname === rendererFileUrl.pathname;
}

/** Registers one channel's handler; the request and the answer both cross the contract's schemas. */
function handle<K extends ChannelKey>(
  key: K,
  handler: (request: z.output<Channels[K]['request']>) => ResponseOf<K> | Promise<ResponseOf<K>>,
): void {
  const channel: Channels[ChannelKey] = channels[key];
  ipcMain.handle(channel.name, async (event, ...args: unknown[]) => {
    if (!isTrustedFrame(event.senderFrame)) {
      throw new Error(`${channel.name}: refused a call from a frame that is not the tinyArms window`);
    }
    const request = channel.request.parse(args[0]) as z.output<Channels[K]['request']>;
    return channel.response.parse(await handler(request));
  });
}

/** Packaged builds ship `assets/` as extraResources (see electron-builder.yml), dev reads the repo's. */
function assetPath(name: string): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'assets', name)
    : join(app.getAppPath(), 'assets', name);
}

function createTray(): Tray {
  // "Template" in the name makes macOS recolour it for light/dark menu bars; @2x is picked up beside it.
  const icon = nativeImage.createFromPath(assetPath('trayTemplate.png'));
  icon.setTemplateImage(true);
  const created = new Tray(icon);
  created.setToolTip('tinyArms');
  created.setContextMenu(Menu.buildFromTemplate([{ label: 'Quit tinyArms', role: 'quit' }]));
  return created;
}

/** Denies what no tinyArms page needs: navigation away, new windows, permission prompts. */
function hardenWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A menu-bar app: no Dock icon, no window on launch (LSUIElement does the same for packaged builds).
  app.dock?.hide();
  app.on('window-all-closed', () => {
    // Closing the popover must not quit the app; only the tray's Quit does.
  });
  handle('appVersion', () => ({ version: app.getVersion() }));
  void app.whenReady().then(() => {
    hardenWebContents();
    tray = createTray();
  });
  app.on('before-quit', () => tray?.destroy());
}
