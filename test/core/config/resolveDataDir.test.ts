import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src/core/config/resolveDataDir';

const base = { home: '/Users/ada', cwd: '/work', env: {} };

describe('resolveDataDir', () => {
  it('prefers the flag, then TINYARMS_HOME, then the OS folder', () => {
    const env = { TINYARMS_HOME: '/env/home' };
    expect(resolveDataDir({ ...base, platform: 'darwin', env, flag: '/flag/dir' })).toBe('/flag/dir');
    expect(resolveDataDir({ ...base, platform: 'darwin', env })).toBe('/env/home');
    expect(resolveDataDir({ ...base, platform: 'darwin', env: { TINYARMS_HOME: '' } })).toBe(
      '/Users/ada/Library/Application Support/tinyArms',
    );
  });

  it("matches Electron's userData folder on each OS", () => {
    expect(resolveDataDir({ ...base, platform: 'darwin' })).toBe(
      '/Users/ada/Library/Application Support/tinyArms',
    );
    expect(resolveDataDir({ ...base, home: '/home/ada', platform: 'linux' })).toBe(
      '/home/ada/.config/tinyArms',
    );
    expect(resolveDataDir({ ...base, platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      '/xdg/tinyArms',
    );
    expect(
      resolveDataDir({
        home: 'C:\\Users\\ada',
        cwd: 'C:\\work',
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\tinyArms');
  });

  it('expands ~ and resolves relative paths against cwd', () => {
    expect(resolveDataDir({ ...base, platform: 'linux', flag: '~/tiny' })).toBe('/Users/ada/tiny');
    expect(resolveDataDir({ ...base, platform: 'linux', flag: 'data' })).toBe('/work/data');
    expect(resolveDataDir({ ...base, platform: 'linux', flag: '~other/x' })).toBe('/work/~other/x');
  });

  it('refuses an empty --data-dir and folders on kernel file systems instead of guessing', () => {
    // An unset shell variable ($DIR) makes the flag empty: not a request for the real data folder.
    expect(() => resolveDataDir({ ...base, platform: 'darwin', flag: '' })).toThrow(/--data-dir is empty/);
    expect(() => resolveDataDir({ ...base, platform: 'darwin', flag: '  ' })).toThrow(/--data-dir is empty/);
    expect(() => resolveDataDir({ ...base, platform: 'linux', flag: '/proc/self/x' })).toThrow(
      '/proc/self/x is on a system file system (/proc, /sys, /dev), not a place for a data folder; choose another',
    );
    expect(() =>
      resolveDataDir({ ...base, platform: 'linux', env: { TINYARMS_HOME: '/dev/shm/t' } }),
    ).toThrow(/system file system/);
    expect(resolveDataDir({ ...base, platform: 'linux', flag: '/devices/x' })).toBe('/devices/x');
  });
});
