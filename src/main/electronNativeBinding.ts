import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `scripts/build-electron-native.mjs` writes better-sqlite3 built for Electron's ABI, per arch. */
export function electronNativeBindingPath(root: string, arch: string): string {
  return join(root, 'out', 'native', 'electron', arch, 'better_sqlite3.node');
}

/** Raised when the Electron build of better-sqlite3 is missing; the message says what to run. */
export class MissingNativeBindingError extends Error {
  override readonly name = 'MissingNativeBindingError';
}

/**
 * The better-sqlite3 binary the app passes to `openCore({ nativeBinding })`. node_modules keeps the
 * Node-ABI build for the CLI and the tests; the app loads a separate Electron-ABI copy, so neither
 * `npm start` nor `npm run dist` ever breaks `npm test` (DESIGN §10).
 * - dev (`npm start`): `out/native/electron/<arch>/better_sqlite3.node` in the checkout;
 * - packaged: `Resources/native/better_sqlite3.node`, copied there by electron-builder.yml.
 *
 * @throws MissingNativeBindingError naming the file and the command that builds it
 */
export function electronNativeBinding(options: {
  isPackaged: boolean;
  /** `app.getAppPath()`: the checkout in dev. */
  appPath: string;
  /** `process.resourcesPath`: the bundle's Resources folder when packaged. */
  resourcesPath: string;
  arch: string;
  exists?: (path: string) => boolean;
}): string {
  const exists = options.exists ?? existsSync;
  const file = options.isPackaged
    ? join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : electronNativeBindingPath(options.appPath, options.arch);
  if (!exists(file)) {
    throw new MissingNativeBindingError(
      options.isPackaged
        ? `better-sqlite3 for Electron is missing from the app bundle (${file}); rebuild it with \`npm run dist\`.`
        : `better-sqlite3 for Electron is missing (${file}); \`npm start\` builds it — run \`node scripts/build-electron-native.mjs\` to see why it failed.`,
    );
  }
  return file;
}
