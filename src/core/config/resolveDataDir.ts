import { posix, win32 } from 'node:path';
import { UserInputError } from '../coreContext';

/** Electron's `app.getPath('userData')` is `<appData>/<productName>`; this is our productName. */
export const APP_DIR_NAME = 'tinyArms';

export interface DataDirInputs {
  /** `--data-dir`, if given. */
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** `os.homedir()`. */
  home: string;
  /** Base for a relative `--data-dir` or `TINYARMS_HOME`: `process.cwd()`. */
  cwd: string;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The OS app-data folder, identical to Electron's `app.getPath('userData')` for productName
 * `tinyArms`, so the app and the CLI share one data folder: macOS
 * `~/Library/Application Support/tinyArms`, Windows `%APPDATA%\tinyArms`, Linux and others
 * `$XDG_CONFIG_HOME/tinyArms` or `~/.config/tinyArms`.
 */
export function appDataDir({ env, platform, home }: Omit<DataDirInputs, 'flag' | 'cwd'>): string {
  switch (platform) {
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    case 'win32':
      return win32.join(
        nonEmpty(env.APPDATA) ? env.APPDATA : win32.join(home, 'AppData', 'Roaming'),
        APP_DIR_NAME,
      );
    default:
      // Chromium's base::nix::GetXDGDirectory: the variable if set and non-empty, else ~/.config.
      return posix.join(
        nonEmpty(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : posix.join(home, '.config'),
        APP_DIR_NAME,
      );
  }
}

/**
 * The data folder: `--data-dir` > `TINYARMS_HOME` > the OS app-data folder. Pure: the caller passes
 * `process.env`, `process.platform`, `os.homedir()` and `process.cwd()`. A leading `~` is expanded
 * because `--data-dir=~/x` reaches us unexpanded by the shell; relative paths are made absolute.
 */
export function resolveDataDir(inputs: DataDirInputs): string {
  const { flag, env, platform, home, cwd } = inputs;
  const path = platform === 'win32' ? win32 : posix;
  // An empty flag is a mistake (an unset shell variable), not a request for the default folder.
  if (flag !== undefined && !nonEmpty(flag)) {
    throw new UserInputError('--data-dir is empty; give a folder, or leave the flag out for the default');
  }
  const chosen = nonEmpty(flag) ? flag : nonEmpty(env.TINYARMS_HOME) ? env.TINYARMS_HOME : null;
  if (chosen === null) return appDataDir({ env, platform, home });
  const expanded = /^~(?=$|[/\\])/.test(chosen) ? path.join(home, chosen.slice(1)) : chosen;
  const resolved = path.resolve(cwd, expanded);
  if (
    platform !== 'win32' &&
    SPECIAL_ROOTS.some((root) => resolved === root || resolved.startsWith(`${root}/`))
  ) {
    throw new UserInputError(
      `${resolved} is on a system file system (${SPECIAL_ROOTS.join(', ')}), not a place for a data folder; choose another`,
    );
  }
  return resolved;
}

/** Kernel and device file systems: a database there cannot work (and /proc made SQLite spin). */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];
