import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  electronNativeBinding,
  electronNativeBindingPath,
  MissingNativeBindingError,
} from '../../src/main/electronNativeBinding';

const repo = join(import.meta.dirname, '..', '..');

describe('the Electron build of better-sqlite3', () => {
  it('is looked up beside node_modules in dev and in Resources when packaged', () => {
    const dev = electronNativeBinding({
      isPackaged: false,
      appPath: '/src/tinyarms',
      resourcesPath: '/unused',
      arch: 'arm64',
      exists: () => true,
    });
    expect(dev).toBe(electronNativeBindingPath('/src/tinyarms', 'arm64'));
    expect(dev).toBe('/src/tinyarms/out/native/electron/arm64/better_sqlite3.node');
    const packaged = electronNativeBinding({
      isPackaged: true,
      appPath: '/unused',
      resourcesPath: '/Applications/tinyArms.app/Contents/Resources',
      arch: 'x64',
      exists: () => true,
    });
    expect(packaged).toBe('/Applications/tinyArms.app/Contents/Resources/native/better_sqlite3.node');
  });

  it('says what to run when the copy is missing', () => {
    const missing = () =>
      electronNativeBinding({
        isPackaged: false,
        appPath: '/src',
        resourcesPath: '/r',
        arch: 'x64',
        exists: () => false,
      });
    expect(missing).toThrow(MissingNativeBindingError);
    expect(missing).toThrow(/npm start/);
  });

  it('a failed build (no network here) says why, and leaves the Node build the tests use untouched', () => {
    const require = createRequire(import.meta.url);
    const nodeCopy = join(
      dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const hash = () => createHash('sha256').update(readFileSync(nodeCopy)).digest('hex');
    const before = hash();
    // Unroutable mirrors make both download paths fail at once, as on a machine without network.
    const result = spawnSync(
      process.execPath,
      [
        join(repo, 'scripts', 'build-electron-native.mjs'),
        '--arch',
        'test-arch',
        '--prebuild-url',
        'http://127.0.0.1:2/none.tar.gz',
        '--dist-url',
        'http://127.0.0.1:2',
        '--timeout',
        '60',
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('could not build better-sqlite3');
    expect(result.stderr).toMatch(/prebuilt binary: .*ECONNREFUSED/);
    expect(result.stderr).toMatch(/compiling: .*ECONNREFUSED/);
    expect(result.stderr).toContain('The Node build in node_modules is untouched');
    expect(existsSync(electronNativeBindingPath(repo, 'test-arch'))).toBe(false);
    expect(hash()).toBe(before);
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });
});
