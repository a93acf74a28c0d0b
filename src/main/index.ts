import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow, Menu, NativeImage } from 'electron';
import * as electron from 'electron';
import { bootMain } from './bootMain';
import { electronNativeBinding } from './electronNativeBinding';

// The composition root: the real Electron and the real process. Everything else is in bootMain, which
// the booted-main tests run against a stand-in of the same `MainElectron` type.
void bootMain<NativeImage, BrowserWindow, Menu>(electron, {
  env: process.env,
  platform: process.platform,
  home: homedir(),
  cwd: process.cwd(),
  pid: process.pid,
  resourcesPath: process.resourcesPath,
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  rendererRoot: fileURLToPath(new URL('../renderer', import.meta.url)),
  nativeBinding: ({ isPackaged, appPath }) =>
    electronNativeBinding({ isPackaged, appPath, resourcesPath: process.resourcesPath, arch: process.arch }),
  log: (message) => console.error(message),
});
