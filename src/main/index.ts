import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  Notification,
  nativeImage,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import type { CoreRef } from '../core/app/coreRef';
import { createIntakeService } from '../core/app/intakeService';
import { systemClock } from '../core/clock';
import { resolveDataDir } from '../core/config';
import { configPath } from '../core/config/loadConfig';
import { judgeScreen } from '../core/evolution/judgeScreen';
import type { LanguageModel } from '../core/llm/languageModel';
import { createModelDownloads } from '../core/llm/modelDownloads';
import { openLanguageModel } from '../core/llm/openLanguageModel';
import { openCore } from '../core/openCore';
import { mayPromptNow, notePrompt } from '../core/suggestions/feedbackPromptBudget';
import { channelNames, eventNames } from '../shared/ipc/channelNames';
import type { IpcResult } from '../shared/ipc/ipcResult';
import type { StateSnapshot } from '../shared/ipc/stateSnapshotSchema';
import type { PickPurpose } from '../shared/ipc/suggestionSchemas';
import { appJobs } from './appJobs';
import { APP_SCHEME, appScheme, createAppProtocolHandler } from './appProtocol';
import { createChangeWatcher } from './changeWatcher';
import { createDueEvolutions } from './dueEvolutions';
import { electronNativeBinding } from './electronNativeBinding';
import { electronNotifier } from './electronNotifier';
import { hardenSession, hardenWebContents } from './hardenWebContents';
import { dispatchIpc } from './ipc/dispatchIpc';
import { createIpcHandlers } from './ipc/ipcHandlers';
import { isTrustedSender } from './isTrustedSender';
import { createNotificationRouter } from './notificationRouter';
import { createPopoverController } from './popoverController';
import { openPopoverWindow } from './popoverWindow';
import { powerMonitorMachineState } from './powerMonitorMachineState';
import { preferencesWindowOpener } from './preferencesWindow';
import { registerIpc } from './registerIpc';
import { safeStorageSecretStore } from './safeStorageSecretStore';
import { createScheduler } from './scheduler';
import { createStatePublisher } from './statePublisher';
import { createTrayController, type TrayMenuItem, trayIconFiles } from './trayController';

/** The system picker for Preferences' sources: folders, or markdown files. */
async function pickPath(purpose: PickPurpose, parent: BrowserWindow | null): Promise<string | null> {
  const titles: Record<PickPurpose, string> = {
    'watch-folder': 'Choose a folder whose new files get name suggestions',
    'transcripts-folder': 'Choose the folder where your transcripts land',
    'markdown-file': 'Choose a Markdown file to summarise on every save',
  };
  const options: Electron.OpenDialogOptions = {
    title: titles[purpose],
    buttonLabel: 'Choose',
    properties: purpose === 'markdown-file' ? ['openFile'] : ['openDirectory', 'createDirectory'],
    ...(purpose === 'markdown-file'
      ? { filters: [{ name: 'Markdown', extensions: ['md', 'markdown'] }] }
      : {}),
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Set by `electron-vite dev` (hot reload from its server); absent in a built app, which uses app://. */
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));

/** Node timers as the controllers' injected one-shot timer. */
const schedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** Packaged builds ship `assets/` as extraResources (electron-builder.yml); dev reads the checkout's. */
function assetPath(name: string): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'assets', name)
    : join(app.getAppPath(), 'assets', name);
}

function trayImage(file: string) {
  // "Template" in the name makes macOS recolour it for light/dark menu bars; @2x is picked up beside it.
  const image = nativeImage.createFromPath(assetPath(file));
  image.setTemplateImage(true);
  return image;
}

function electronMenu(
  items: readonly TrayMenuItem[],
  choose: (id: TrayMenuItem & { kind: 'action' | 'toggle' }) => void,
) {
  return Menu.buildFromTemplate(
    items.map((item): MenuItemConstructorOptions => {
      switch (item.kind) {
        case 'separator':
          return { type: 'separator' };
        case 'action':
          return { label: item.label, click: () => choose(item) };
        case 'toggle':
          return { label: item.label, type: 'checkbox', checked: item.checked, click: () => choose(item) };
        default:
          return item satisfies never;
      }
    }),
  );
}

/** Kept at module level: a Tray that is garbage-collected disappears from the menu bar. */
let tray: Tray | undefined;

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));

  const dataDir = resolveDataDir({
    env: process.env,
    platform: process.platform,
    home: homedir(),
    cwd: process.cwd(),
  });
  const nativeBinding = electronNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    arch: process.arch,
  });
  const opened = openCore({ dataDir, nativeBinding, clock: systemClock });
  const core: CoreRef = { ctx: opened.ctx, configError: opened.configError };

  // openLanguageModel hands out one instance per file and settings, so suggestions and evolution share
  // the loaded model, and changed model settings take effect on the next job.
  const sharedModel = (): LanguageModel =>
    openLanguageModel({ config: core.ctx.config, dataDir: core.ctx.dataDir });
  const windows = () =>
    [popoverWindow.current, preferences.current()].flatMap((window) =>
      window && !window.isDestroyed() ? [window.webContents] : [],
    );

  const intake = createIntakeService({
    core,
    owner: `the tinyArms app (pid ${process.pid})`,
    model: sharedModel,
    onProgress: (progress) => {
      for (const contents of windows()) contents.send(eventNames.intakeProgress, progress);
    },
    onSuggestion: () => watcher.check(),
    onError: (message) => console.error(`tinyArms: ${message}`),
  });
  const syncIntake = () =>
    void intake
      .sync()
      .catch((error: unknown) =>
        console.error(`tinyArms: cannot watch: ${error instanceof Error ? error.message : error}`),
      );

  // API keys (the cloud judge's) in the OS keychain; Preferences → Judge writes it.
  const secrets = safeStorageSecretStore(safeStorage, dataDir);
  // The first launch on a new Mac has no model: the popover and Preferences offer this download.
  const models = createModelDownloads({
    dataDir,
    config: () => core.ctx.config,
    isLoaded: () => {
      try {
        return openLanguageModel({ config: core.ctx.config, dataDir }).isLoaded();
      } catch {
        return false;
      }
    },
    endpoint: process.env.HF_ENDPOINT,
    onProgress: (progress) => {
      for (const contents of windows()) contents.send(eventNames.modelDownloadProgress, progress);
    },
    onChange: () => void publisher.publish(),
  });

  const preferences = preferencesWindowOpener(BrowserWindow, { preload, devServerUrl });
  const handlers = createIpcHandlers({
    core,
    appVersion: app.getVersion(),
    models,
    secrets,
    openPreferences: () => {
      popover.hide();
      preferences.open();
    },
    intakeProgress: () => intake.progress(),
    pickPath: (purpose) => pickPath(purpose, preferences.current()),
    startEvolution: (_ctx, skill) => evolutions.startNow(skill),
    cancelEvolution: () => evolutions.cancel(),
    // Settings saved here change config.yaml, which the change watcher sees: it re-syncs the intake.
    onChange: () => watcher.check(),
  });

  const popoverWindow = { current: null as BrowserWindow | null };
  const popover = createPopoverController({
    createWindow: () => {
      popoverWindow.current = openPopoverWindow(BrowserWindow, { preload, devServerUrl });
      return popoverWindow.current;
    },
    trayBounds: () => tray?.getBounds() ?? { x: 0, y: 0, width: 0, height: 0 },
    workAreaNear: (point) => screen.getDisplayNearestPoint(point).workArea,
    schedule,
    clock: systemClock,
  });

  tray = new Tray(trayImage(trayIconFiles.idle));
  const currentTray = tray;
  currentTray.setIgnoreDoubleClickEvents(true);
  const trayController = createTrayController({
    tray: currentTray,
    icons: { idle: trayImage(trayIconFiles.idle), pending: trayImage(trayIconFiles.pending) },
    togglePopover: (bounds) => popover.toggle(bounds),
    showPopover: () => popover.show(),
    openPreferences: () => preferences.open(),
    loginItem: {
      openAtLogin: () => app.getLoginItemSettings().openAtLogin,
      setOpenAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    },
    quit: () => app.quit(),
  });
  currentTray.on('click', (_event, bounds) => trayController.click(bounds));
  currentTray.on('right-click', () =>
    currentTray.popUpContextMenu(
      electronMenu(trayController.menuItems(), (item) => trayController.menu(item.id)),
    ),
  );

  const notifications = createNotificationRouter({
    notifier: electronNotifier(Notification, process.platform),
    vote: (request) => dispatchIpc(handlers, channelNames.vote, request),
    answer: (request) => dispatchIpc(handlers, channelNames.answerSuggestion, request),
    budget: {
      mayPrompt: (skill) => mayPromptNow(core.ctx, skill).allowed,
      note: (skill, task) => notePrompt(core.ctx, skill, task),
    },
    openPopover: () => popover.show(),
    settings: () => core.ctx.config.notifications,
    onVoteError: (message) => console.error(`tinyArms: a vote from a notification failed: ${message}`),
  });

  const publisher = createStatePublisher({
    // The getState channel answers a StateSnapshot; the dispatcher's return type is the union of all.
    snapshot: () =>
      dispatchIpc(handlers, channelNames.getState, undefined) as Promise<IpcResult<StateSnapshot>>,
    targets: windows,
    listeners: [
      (snapshot) => trayController.showPending(snapshot.pending.length + snapshot.suggestions.length),
      notifications.update,
    ],
    onError: (message) => console.error(`tinyArms: could not push the state: ${message}`),
  });

  const watcher = createChangeWatcher({
    db: () => core.ctx.store.db,
    configFile: () => configPath(core.ctx.dataDir),
    onChange: () => {
      void publisher.publish();
      syncIntake();
    },
    schedule,
  });

  registerIpc({
    ipcMain,
    handlers,
    isTrusted: (frame) => isTrustedSender(frame, devServerUrl),
    afterCall: () => watcher.check(),
  });

  const evolutions = createDueEvolutions({
    core: () => core.ctx,
    model: sharedModel,
    onSettled: () => watcher.check(),
    onError: (message) => console.error(`tinyArms: ${message}`),
    onProgress: (progress) => {
      for (const contents of windows()) contents.send(eventNames.evolutionProgress, progress);
    },
    screen: (ctx, skill, model) => judgeScreen(ctx, skill, model, secrets),
    // Due runs wait for an idle Mac on mains power (evolution.wait_for_idle_minutes, require_mains_power).
    machine: powerMonitorMachineState(powerMonitor),
  });

  const scheduler = createScheduler({
    core: () => core.ctx,
    jobs: appJobs((report) => {
      watcher.check();
      evolutions.onReport(report);
    }),
    schedule,
    onError: (job, error) =>
      console.error(
        `tinyArms: scheduled job ${job} failed: ${error instanceof Error ? error.message : error}`,
      ),
    onRan: () => watcher.check(),
  });
  app.on('second-instance', () => popover.show());
  // A Mac asleep past a due time catches up on wake instead of waiting for the next timer.
  powerMonitor.on('resume', () => void scheduler.check());
  app.on('will-quit', () => {
    // What arrived stays in the .part file; the next launch resumes from it.
    models.cancel();
    scheduler.stop();
    watcher.stop();
    void intake.close();
    // Replaced contexts share one store, so closing the one we opened closes the connection.
    opened.close();
  });

  await publisher.publish();
  await scheduler.start();
  // A run paused or interrupted when the app quit goes on now, not at the next monitor report.
  evolutions.resumeInterrupted();
  syncIntake();
}

/** Startup problems (a corrupt database moved aside, a missing Electron build of better-sqlite3) get
 * one dialog with the message the core wrote for people, then the app quits. */
function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('tinyArms cannot start', message);
  app.exit(1);
}

// Must happen before `ready`: the scheme's privileges are fixed when the browser process starts.
protocol.registerSchemesAsPrivileged([appScheme]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A menu-bar app: no Dock icon, no window at launch (LSUIElement does the same for packaged builds).
  app.dock?.hide();
  app.on('window-all-closed', () => {
    // Closing the preferences must not quit the app; only the tray's Quit does.
  });
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => void shell.openExternal(url)),
  );
  void app.whenReady().then(start).catch(fatal);
}
