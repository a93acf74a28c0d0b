// Builds better-sqlite3 for Electron's ABI into out/native/electron/<arch>/better_sqlite3.node, beside
// (never over) the Node-ABI build in node_modules that the CLI and `npm test` load. The app passes the
// copy to openCore({ nativeBinding }) (src/main/electronNativeBinding.ts); electron-builder.yml ships
// it as Resources/native/better_sqlite3.node. Run by `npm start` and `npm run dist`; skipped when the
// copy matches the installed Electron and better-sqlite3 versions.
//
//   node scripts/build-electron-native.mjs [--arch arm64] [--arch x64] [--dist-url <electron headers>]
//
// How: a scratch copy of the better-sqlite3 package (out/native/stage/<arch>) gets the prebuilt
// Electron binary from the package's GitHub release (prebuild-install --runtime electron), or, if that
// fails, is compiled with node-gyp against Electron's headers. Both need the network the first time
// (github.com, electronjs.org/headers); compiling also needs a C++ toolchain (Xcode command-line tools).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    arch: { type: 'string', multiple: true, default: [process.arch] },
    'dist-url': {
      type: 'string',
      default: process.env.TINYARMS_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers',
    },
    // Where prebuild-install looks for the release archive; a mirror, or a dead address in tests.
    'prebuild-url': { type: 'string' },
    // Seconds per download/compile step before giving up.
    timeout: { type: 'string', default: '600' },
  },
});

const packageJson = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
const electronVersion = packageJson('electron').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = packageJson('better-sqlite3').version;
const nodeCopy = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
const timeoutMs = Number(values.timeout) * 1000;

const sha256 = (file) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
const nodeCopyBefore = sha256(nodeCopy);

function fail(arch, steps) {
  console.error(
    [
      `tinyArms: could not build better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch}).`,
      ...steps.map((step) => `  ${step}`),
      '  The Node build in node_modules is untouched: the CLI and `npm test` still work.',
      '  To fix: allow downloads from github.com (prebuilt binary) or electronjs.org/headers (headers to',
      '  compile against, with a C++ toolchain: `xcode-select --install` on macOS), then run `npm start` again.',
      '  Behind a mirror: --prebuild-url <mirror of the GitHub release> or TINYARMS_ELECTRON_HEADERS_URL.',
    ].join('\n'),
  );
  process.exitCode = 1;
}

/** The telling line of a failed step's output, so the message says what went wrong without the log. */
function reason(result) {
  if (result.error?.code === 'ETIMEDOUT') return `timed out after ${values.timeout} s`;
  if (result.error) return result.error.message;
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((line) =>
      line.replace(/^(gyp ERR!|gyp WARN|prebuild-install (warn|err!?))\s*(stack\s*)?/i, '').trim(),
    )
    .filter((line) => line !== '' && !/^(System|command|cwd|node -v|node-gyp -v|not ok|at )/.test(line));
  const get = lines.findLast((line) => line.startsWith('gyp http GET '))?.slice('gyp http GET '.length);
  if (get && /network connectivity/.test(lines.join(' '))) return `could not download ${get} (no network?)`;
  const telling =
    /ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|\b404\b|fetch failed|No prebuilt|not found|No Xcode|make: \*\*\*|error:/i;
  return lines.find((line) => telling.test(line)) ?? lines.at(-1) ?? `exit code ${result.status}`;
}

/**
 * npm exports its config to scripts as npm_config_*; node-gyp and prebuild-install read some as their
 * own options. `nodedir` in particular would make node-gyp compile against Node's headers: a binary
 * for the wrong ABI that only fails when Electron loads it. Our arguments say everything instead.
 */
const overriding =
  /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|devdir|platform|libc|build_from_source|download)$/i;
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !overriding.test(key)));

function run(script, args, cwd) {
  return spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: childEnv,
  });
}

function buildFor(arch) {
  const outDir = join(root, 'out', 'native', 'electron', arch);
  const target = join(outDir, 'better_sqlite3.node');
  const stampFile = join(outDir, 'build.json');
  const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch };
  if (
    existsSync(target) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === JSON.stringify(stamp)
  ) {
    console.log(`better-sqlite3 for Electron ${electronVersion} (${arch}) is up to date: ${target}`);
    return true;
  }

  const stage = join(root, 'out', 'native', 'stage', arch, 'better-sqlite3');
  rmSync(stage, { recursive: true, force: true });
  cpSync(sqliteDir, stage, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });
  const built = join(stage, 'build', 'Release', 'better_sqlite3.node');
  const steps = [];

  console.log(`Fetching better-sqlite3 ${sqliteVersion} prebuilt for Electron ${electronVersion} (${arch})…`);
  const prebuild = run(
    require.resolve('prebuild-install/bin.js'),
    [
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--platform=${process.platform}`,
      ...(values['prebuild-url'] ? [`--download=${values['prebuild-url']}`] : []),
    ],
    stage,
  );
  if (prebuild.status !== 0 || !existsSync(built)) {
    steps.push(`prebuilt binary: ${reason(prebuild)}`);
    console.log('No prebuilt binary; compiling against the Electron headers (a few minutes)…');
    const gyp = run(
      require.resolve('node-gyp/bin/node-gyp.js'),
      [
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        `--dist-url=${values['dist-url']}`,
        // Electron headers in their own folder, so they never shadow Node's of the same version number.
        `--devdir=${join(homedir(), '.electron-gyp')}`,
      ],
      stage,
    );
    if (gyp.status !== 0 || !existsSync(built)) {
      steps.push(`compiling: ${reason(gyp)}`);
      rmSync(join(root, 'out', 'native', 'stage'), { recursive: true, force: true });
      return fail(arch, steps);
    }
  }

  mkdirSync(outDir, { recursive: true });
  // Copy then rename: an interrupted build never leaves a half-written binary for the app to load.
  copyFileSync(built, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  writeFileSync(stampFile, JSON.stringify(stamp));
  rmSync(join(root, 'out', 'native', 'stage'), { recursive: true, force: true });
  console.log(`Built ${target}`);
  return true;
}

for (const arch of values.arch) {
  if (buildFor(arch) !== true) break;
}

if (sha256(nodeCopy) !== nodeCopyBefore) {
  console.error(
    `tinyArms: ${nodeCopy} changed during the Electron build; run \`npm rebuild better-sqlite3\`.`,
  );
  process.exitCode = 1;
}
