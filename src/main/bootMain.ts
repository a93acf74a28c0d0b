import { join } from 'node:path';
import type { MenuItemConstructorOptions, OpenDialogOptions } from 'electron';
import { changes, mergeChanges, NOTHING_CHANGED } from '../core/app/appChanges';
import { readSettings } from '../core/app/appSettings';
import type { CoreRef } from '../core/app/coreRef';
import { createIntakeService } from '../core/app/intakeService';
import { createNotificationRouter } from '../core/app/notificationRouter';
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
import { createAppChangeFeed } from './appChangeFeed';
import { appJobs } from './appJobs';
import { APP_SCHEME, appScheme, createAppProtocolHandler } from './appProtocol';
import { createChangeWatcher } from './changeWatcher';
import { createDueEvolutions } from './dueEvolutions';
import { electronNotifier } from './electronNotifier';
import { hardenSession, hardenWebContents } from './hardenWebContents';
import { dispatchIpc } from './ipc/dispatchIpc';
import { createIpcHandlers } from './ipc/ipcHandlers';
import { isTrustedSender } from './isTrustedSender';
import type { MainElectron, MainImage, MainWindow } from './mainElectron';
import { createPopoverController } from './popoverController';
import { openPopoverWindow } from './popoverWindow';
import { powerMonitorMachineState } from './powerMonitorMachineState';
import { preferencesWindowOpener } from './preferencesWindow';
import { registerIpc } from './registerIpc';
import { safeStorageSecretStore } from './safeStorageSecretStore';
import { createScheduler } from './scheduler';
import { createStatePublisher } from './statePublisher';
import { createTrayController, type TrayMenuItem, trayIconFiles } from './trayController';

/**
 * Where the main process runs, besides Electron: the process's environment and paths, and the
 * better-sqlite3 build for Electron's ABI. `src/main/index.ts` passes the real ones; the booted-main
 * tests pass a temporary home and the Node build.
 */
export interface MainHost {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly cwd: string;
  readonly pid: number;
  /** `process.resourcesPath`: the bundle's Resources folder when packaged. */
  readonly resourcesPath: string;
  /** The built preload script (`out/preload/index.cjs`). */
  readonly preload: string;
  /** The built renderer pages (`out/renderer`), served as app://tinyarms. */
  readonly rendererRoot: string;
  /** The better-sqlite3 binary to load, or undefined for the one in node_modules. */
  nativeBinding(app: { isPackaged: boolean; appPath: string }): string | undefined;
  log(message: string): void;
}

/** Node timers as the controllers' injected one-shot timer. */
const schedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** Trays are kept referenced: a Tray that is garbage-collected disappears from the menu bar. */
const keptAlive = new Set<unknown>();

/**
 * The main process: registers the app:// scheme, takes the single-instance lock and, once Electron
 * is ready, composes the app (core, model, intake, IPC, tray, popover, notifications, scheduler).
 * Resolves when the app is up, or after a start-up failure was shown in an error box and the app
 * exited.
 */
export async function bootMain<Image extends MainImage, Window extends MainWindow, Menu>(
  electron: MainElectron<Image, Window, Menu>,
  host: MainHost,
): Promise<void> {
  // Modules usable before `ready`; the others are read in start(), once Electron is ready.
  const { app, dialog, Menu: MenuBuilder, nativeImage, protocol, shell } = electron;
  /** Set by `electron-vite dev` (hot reload from its server); absent in a built app, which uses app://. */
  const devServerUrl = host.env.ELECTRON_RENDERER_URL;

  /** The system picker for Preferences' sources: folders, or markdown files. */
  async function pickPath(purpose: PickPurpose, parent: Window | null): Promise<string | null> {
    const titles: Record<PickPurpose, string> = {
      'watch-folder': 'Choose a folder whose new files get name suggestions',
      'transcripts-folder': 'Choose the folder where your transcripts land',
      'markdown-file': 'Choose a Markdown file to summarise on every save',
    };
    const options: OpenDialogOptions = {
      title: titles[purpose],
      buttonLabel: 'Choose',
      properties: purpose === 'markdown-file' ? ['openFile'] : ['openDirectory', 'createDirectory'],
      ...(purpose === 'markdown-file'
        ? { filters: [{ name: 'Markdown', extensions: ['md', 'markdown'] }] }
        : {}),
    };
    const result = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  /** Packaged builds ship `assets/` as extraResources (electron-builder.yml); dev reads the checkout's. */
  function assetPath(name: string): string {
    return app.isPackaged ? join(host.resourcesPath, 'assets', name) : join(app.getAppPath(), 'assets', name);
  }

  function trayImage(file: string): Image {
    // "Template" in the name makes macOS recolour it for light/dark menu bars; @2x is picked up beside it.
    const image = nativeImage.createFromPath(assetPath(file));
    image.setTemplateImage(true);
    return image;
  }

  function electronMenu(
    items: readonly TrayMenuItem[],
    choose: (id: TrayMenuItem & { kind: 'action' | 'toggle' }) => void,
  ): Menu {
    return MenuBuilder.buildFromTemplate(
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

  async function start(): Promise<void> {
    const { BrowserWindow, ipcMain, Notification, powerMonitor, safeStorage, screen, session, Tray } =
      electron;
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(host.rendererRoot));

    const dataDir = resolveDataDir({
      env: host.env,
      platform: host.platform,
      home: host.home,
      cwd: host.cwd,
    });
    const nativeBinding = host.nativeBinding({ isPackaged: app.isPackaged, appPath: app.getAppPath() });
    const opened = openCore({ dataDir, clock: systemClock, ...(nativeBinding ? { nativeBinding } : {}) });
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
      owner: `the tinyArms app (pid ${host.pid})`,
      model: sharedModel,
      onProgress: (progress) => {
        for (const contents of windows()) contents.send(eventNames.intakeProgress, progress);
      },
      onSuggestion: () => watcher.check(),
      onError: (message) => host.log(`tinyArms: ${message}`),
    });
    const syncIntake = () =>
      void intake
        .sync()
        .catch((error: unknown) =>
          host.log(`tinyArms: cannot watch: ${error instanceof Error ? error.message : error}`),
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
      endpoint: host.env.HF_ENDPOINT,
      onProgress: (progress) => {
        for (const contents of windows()) contents.send(eventNames.modelDownloadProgress, progress);
      },
      onChange: () => feed.report(changes({ model: true })),
    });

    const preferences = preferencesWindowOpener(BrowserWindow, { preload: host.preload, devServerUrl });
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
      // Each call says what it changed: one push, and a re-sync only when the watched sources changed.
      onChange: (changed) => feed.report(changed),
    });

    const popoverWindow = { current: null as Window | null };
    const popover = createPopoverController({
      createWindow: () => {
        popoverWindow.current = openPopoverWindow(BrowserWindow, { preload: host.preload, devServerUrl });
        return popoverWindow.current;
      },
      trayBounds: () => currentTray.getBounds(),
      workAreaNear: (point) => screen.getDisplayNearestPoint(point).workArea,
      schedule,
      clock: systemClock,
    });

    const currentTray = new Tray(trayImage(trayIconFiles.idle));
    keptAlive.add(currentTray);
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
      notifier: electronNotifier(Notification, host.platform),
      vote: (request) => dispatchIpc(handlers, channelNames.vote, request),
      answer: (request) => dispatchIpc(handlers, channelNames.answerSuggestion, request),
      budget: {
        mayPrompt: (skill) => mayPromptNow(core.ctx, skill).allowed,
        note: (skill, task) => notePrompt(core.ctx, skill, task),
      },
      onClick: () => popover.show(),
      settings: () => core.ctx.config.notifications,
      onVoteError: (message) => host.log(`tinyArms: a vote from a notification failed: ${message}`),
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
      onError: (message) => host.log(`tinyArms: could not push the state: ${message}`),
    });

    const watcher = createChangeWatcher({
      db: () => core.ctx.store.db,
      configFile: () => configPath(core.ctx.dataDir),
      // Changes made elsewhere (the CLI, a hand-edited config.yaml) or by background work: an edited
      // file is read again, and only a change to the watched sources re-syncs the intake.
      onChange: (seen) => {
        const settings = seen.config ? readSettings(core).changed : NOTHING_CHANGED;
        feed.report(mergeChanges(changes({ database: seen.database }), settings));
      },
      schedule,
    });
    const feed = createAppChangeFeed({
      absorb: () => watcher.absorb(),
      publish: () => void publisher.publish(),
      syncIntake,
    });

    registerIpc({
      ipcMain,
      handlers,
      isTrusted: (frame) => isTrustedSender(frame, devServerUrl),
    });

    const evolutions = createDueEvolutions({
      core: () => core.ctx,
      model: sharedModel,
      onSettled: () => watcher.check(),
      onError: (message) => host.log(`tinyArms: ${message}`),
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
        host.log(`tinyArms: scheduled job ${job} failed: ${error instanceof Error ? error.message : error}`),
      onRan: () => watcher.check(),
    });
    app.on('second-instance', () => popover.show());
    // A Mac asleep past a due time catches up on wake instead of waiting for the next timer.
    powerMonitor.on('resume', () => void scheduler.check());
    // Quitting waits for the intake to record how far it got and to release its lease (both database
    // writes), then closes the database and quits for real.
    let closing: 'no' | 'started' | 'done' = 'no';
    app.on('will-quit', (event) => {
      if (closing === 'done') return;
      event.preventDefault();
      if (closing === 'started') return;
      closing = 'started';
      // What arrived stays in the .part file; the next launch resumes from it.
      models.cancel();
      scheduler.stop();
      watcher.stop();
      void intake
        .close()
        .catch((error: unknown) =>
          host.log(
            `tinyArms: the intake did not close cleanly: ${error instanceof Error ? error.message : error}`,
          ),
        )
        .finally(() => {
          // Replaced contexts share one store, so closing the one we opened closes the connection.
          opened.close();
          closing = 'done';
          app.quit();
        });
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
    return;
  }
  // A menu-bar app: no Dock icon, no window at launch (LSUIElement does the same for packaged builds).
  app.dock?.hide();
  app.on('window-all-closed', () => {
    // Closing the preferences must not quit the app; only the tray's Quit does.
  });
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => void shell.openExternal(url)),
  );
  await app.whenReady().then(start).catch(fatal);
}
