// Fetches the Electron binary on the start/package path, never at install: package.json denies
// electron's postinstall (allowScripts) so `npm install` works offline and on CI, where the
// binary cannot be downloaded. Run before `electron-vite dev|preview` and `electron-builder`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

/** Mirrors electron's own install check: dist/version matches and path.txt names an existing file. */
function binaryPresent() {
  try {
    const installed = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const executable = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    return installed === version && existsSync(join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

if (!binaryPresent()) {
  console.log(`Downloading the Electron ${version} binary (once)…`);
  // The skip flag exists for `npm install`; here it would make install.js exit 0 without a binary.
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0 || !binaryPresent()) {
    const reason =
      result.error?.message ?? (result.stderr?.trim().split('\n')[0] || 'no binary after install');
    console.error(
      `tinyArms: could not download Electron ${version} (${reason}); check the network or set ELECTRON_MIRROR / electron_config_cache, then retry.`,
    );
    process.exit(1);
  }
}
