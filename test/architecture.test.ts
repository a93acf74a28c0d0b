import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// STYLE.md convention 1: the process boundaries of DESIGN.md section 2, checked on every source file.

interface SourceFile {
  /** Repo-relative, forward slashes, e.g. `src/core/rng.ts`. */
  readonly path: string;
  readonly text: string;
}

interface Finding {
  readonly rule: string;
  readonly path: string;
  readonly detail: string;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceExtension = /\.(?:[cm]?[jt]sx?)$/;

/** Line and block comments out, so prose such as "never hand ipcRenderer to the page" is not code. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Specifiers of static and dynamic imports, re-exports and `require` calls (type-only ones too). */
function importSpecifiers(code: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** Where a relative specifier lands, repo-relative; bare specifiers are returned unchanged. */
function resolveSpecifier(fromPath: string, specifier: string): string {
  return specifier.startsWith('.') ? posix.join(posix.dirname(fromPath), specifier) : specifier;
}

/** `react-dom/client` → `react-dom`, `@scope/pkg/x` → `@scope/pkg`, `node:fs/promises` → `node:fs`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const nodeBuiltins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const isNodeBuiltin = (name: string) => name.startsWith('node:') || nodeBuiltins.has(name);
const nativeModules = new Set(['better-sqlite3', 'node-llama-cpp']);
const isNativeModule = (name: string) => nativeModules.has(name) || name.startsWith('@node-llama-cpp/');
const shellPackages = new Set(['electron', 'react', 'react-dom', 'zustand']);
const shellFolders = ['src/main', 'src/renderer', 'src/preload', 'src/cli'];

const inFolder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/**
 * The core's layers, lowest first (DESIGN.md section 2). A core module may import its own layer and
 * the layers below, never one above: the store and config know nothing of skills, the runner nothing
 * of evolution, and only the application layer sees the IPC contract's view types. Entries are paths
 * under `src/core` without extension, a folder or one module; the longest match places a module.
 */
const coreLayers: readonly (readonly string[])[] = [
  // Primitives: time, randomness, process and file identity, and the example-policy value type.
  ['clock', 'rng', 'processAlive', 'fileIdentity', 'examples/examplePolicy'],
  // Persistence and settings, and the context that bundles them.
  ['config', 'store', 'secrets', 'machine', 'coreContext', 'leases'],
  ['llm', 'skills', 'bandit', 'monitor'],
  ['examples', 'judge', 'watch'],
  ['runner'],
  ['breeder'],
  ['evolution'],
  ['suggestions'],
  // Composition: opens a data folder with every piece in place.
  ['openCore'],
  // Use cases both surfaces share (src/core/app), returning the contract's views.
  ['app'],
];

/** `src/core/runner/runSkill.ts` → `runner/runSkill`; `src/core/config` → `config`; not core → null. */
function coreModule(path: string): string | null {
  if (!inFolder(path, 'src/core')) return null;
  return path
    .slice('src/core/'.length)
    .replace(sourceExtension, '')
    .replace(/\/index$/, '');
}

/** The layer index of a core module, or null when no entry places it. */
function coreLayer(path: string): number | null {
  const module = coreModule(path);
  if (module === null) return null;
  const placements = coreLayers.flatMap((entries, layer) =>
    entries
      .filter((entry) => module === entry || module.startsWith(`${entry}/`))
      .map((entry) => ({ layer, length: entry.length })),
  );
  placements.sort((a, b) => b.length - a.length);
  return placements[0]?.layer ?? null;
}

/**
 * Imports that break a rule today and wait for a change elsewhere, each with its reason. They are left
 * out of the import graph; the test below fails as soon as one no longer exists, so the list shrinks.
 */
const knownExceptions: readonly { from: string; to: string; why: string }[] = [];

interface ImportRule {
  readonly name: string;
  readonly appliesTo: (path: string) => boolean;
  /**
   * A reason when `target` (bare name, or resolved repo-relative path) is forbidden to `path`. Checked
   * on every import `path` reaches, directly or through a chain of local imports.
   */
  readonly forbids: (target: string, path: string) => string | undefined;
}

const importRules: readonly ImportRule[] = [
  {
    name: 'core stays Electron-, React- and shell-free',
    appliesTo: (path) => inFolder(path, 'src/core'),
    forbids: (target) => {
      if (shellPackages.has(packageName(target))) return `imports ${target}`;
      const folder = shellFolders.find((shell) => inFolder(target, shell));
      return folder === undefined ? undefined : `reaches into ${folder}`;
    },
  },
  {
    name: 'core layers import only their own layer and the ones below',
    appliesTo: (path) => coreLayer(path) !== null,
    forbids: (target, path) => {
      const own = coreLayer(path) as number;
      if (inFolder(target, 'src/shared/ipc') && own !== coreLayers.length - 1) {
        return `reaches the IPC contract (${target}); only src/core/app builds its views`;
      }
      const layer = coreLayer(target);
      if (layer === null || layer <= own) return undefined;
      return `reaches ${target}, layer ${layer} (${coreLayers[layer]?.join(', ')}), above its own layer ${own}`;
    },
  },
  {
    // Renderer and contract run in a sandboxed page (or its preload): no Node, no native code.
    name: 'renderer and shared contract use no Node built-ins, native modules or Electron',
    appliesTo: (path) => inFolder(path, 'src/renderer') || inFolder(path, 'src/shared'),
    forbids: (target) => {
      const name = packageName(target);
      if (isNodeBuiltin(name)) return `imports the Node built-in ${target}`;
      if (isNativeModule(name)) return `imports the native module ${target}`;
      return name === 'electron' ? 'imports electron' : undefined;
    },
  },
  {
    // The contract is what both ends agree on; it depends on nobody's code.
    name: 'shared imports nothing outside src/shared',
    appliesTo: (path) => inFolder(path, 'src/shared'),
    forbids: (target) =>
      target.startsWith('src/') && !inFolder(target, 'src/shared') ? `reaches ${target}` : undefined,
  },
  {
    name: 'shared values are a leaf: zod and each other only',
    appliesTo: (path) => inFolder(path, 'src/shared/values'),
    forbids: (target) => {
      if (target.startsWith('src/'))
        return inFolder(target, 'src/shared/values') ? undefined : `reaches ${target}`;
      return target === 'zod' ? undefined : `imports ${target}`;
    },
  },
  {
    name: 'renderer imports only the renderer and the shared contract',
    appliesTo: (path) => inFolder(path, 'src/renderer'),
    forbids: (target) =>
      target.startsWith('src/') && !inFolder(target, 'src/renderer') && !inFolder(target, 'src/shared')
        ? `reaches ${target}`
        : undefined,
  },
  {
    name: 'cli does not import Electron',
    appliesTo: (path) => inFolder(path, 'src/cli'),
    forbids: (target) => (packageName(target) === 'electron' ? 'imports electron' : undefined),
  },
  {
    // The CLI is a second surface over the same core; what it shares with the app lives in src/core/app.
    name: 'cli imports nothing from src/main',
    appliesTo: (path) => inFolder(path, 'src/cli'),
    forbids: (target) => (inFolder(target, 'src/main') ? `reaches ${target}` : undefined),
  },
];

/**
 * Privacy (DESIGN §1, issue 5): nothing leaves the machine except the model download and the
 * opted-in cloud judge, so only those two modules may reach the network.
 */
const networkModules = new Set(['src/core/llm/downloadModel.ts', 'src/core/judge/cloudJudgeModel.ts']);
const networkPackages = new Set([
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'undici',
  'ws',
  'axios',
  'got',
]);
/** `fetch(…)` or `globalThis.fetch` used as a value; `typeof fetch` and a `fetch?:` option are types. */
const networkGlobals =
  /(?<![.\w])(?:globalThis\.)?(?:fetch|WebSocket|XMLHttpRequest|EventSource)\b(?!\s*\??:)|\bsendBeacon\b/;

function networkUse(file: SourceFile, code: string): string | undefined {
  if (networkModules.has(file.path)) return undefined;
  const imported = importSpecifiers(code)
    .map((specifier) => packageName(specifier).replace(/^node:/, ''))
    .find((name) => networkPackages.has(name));
  if (imported !== undefined) return `imports ${imported}`;
  const used = code.replace(/\btypeof\s+fetch\b/g, '').match(networkGlobals);
  return used ? `uses ${used[0]}` : undefined;
}

/** The file a relative specifier names (`./x` → `./x.ts`, `./dir` → `./dir/index.ts`), else its joined path. */
function resolveImport(known: ReadonlySet<string>, fromPath: string, specifier: string): string {
  const joined = resolveSpecifier(fromPath, specifier);
  if (!specifier.startsWith('.')) return joined;
  const candidates = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((suffix) => `${joined}${suffix}`);
  return candidates.find((candidate) => known.has(candidate)) ?? joined;
}

interface ImportGraph {
  /** Resolved imports of each file (known exceptions left out). */
  readonly imports: ReadonlyMap<string, readonly string[]>;
}

function importGraph(files: readonly SourceFile[]): ImportGraph {
  const known = new Set(files.map((file) => file.path));
  const excepted = new Set(knownExceptions.map((exception) => `${exception.from} ${exception.to}`));
  const imports = new Map<string, string[]>();
  for (const file of files) {
    const targets = importSpecifiers(stripComments(file.text))
      .map((specifier) => resolveImport(known, file.path, specifier))
      .filter((target) => !excepted.has(`${file.path} ${target}`));
    imports.set(file.path, [...new Set(targets)]);
  }
  return { imports };
}

/**
 * Each import `start` reaches, with the chain of local files that leads to it (breadth first, so the
 * shortest chain): `[target, [start, …, importer]]`.
 */
function reachableImports(graph: ImportGraph, start: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  const seen = new Set([start]);
  const queue: string[][] = [[start]];
  for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
    const importer = chain[chain.length - 1] as string;
    for (const target of graph.imports.get(importer) ?? []) {
      out.push([target, chain]);
      if (graph.imports.has(target) && !seen.has(target)) {
        seen.add(target);
        queue.push([...chain, target]);
      }
    }
  }
  return out;
}

/** Every boundary violation in `files`; empty when the architecture holds. */
function findViolations(files: readonly SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  const graph = importGraph(files);
  for (const file of files) {
    const code = stripComments(file.text);
    const rules = importRules.filter((candidate) => candidate.appliesTo(file.path));
    const reported = new Set<string>();
    for (const [target, chain] of rules.length > 0 ? reachableImports(graph, file.path) : []) {
      for (const rule of rules) {
        const reason = rule.forbids(target, file.path);
        const key = `${rule.name} ${target}`;
        if (reason === undefined || reported.has(key)) continue;
        reported.add(key);
        const through = chain.length > 1 ? ` through ${chain.slice(1).join(' → ')}` : '';
        findings.push({ rule: rule.name, path: file.path, detail: `${reason}${through}` });
      }
    }
    const network = networkUse(file, code);
    if (network !== undefined) {
      findings.push({
        rule: 'only the model download and the cloud judge reach the network',
        path: file.path,
        detail: network,
      });
    }
    const sql = /\.(?:prepare|pragma)\s*\(|\bdb\s*\.\s*exec\s*\(/.exec(code);
    if (sql && (inFolder(file.path, 'src/main') || inFolder(file.path, 'src/cli'))) {
      findings.push({
        rule: 'main and the cli hold no SQL (it lives in the core, src/core/store)',
        path: file.path,
        detail: `calls ${sql[0]}`,
      });
    }
    const settingsSql = /\b(?:FROM|INTO|UPDATE)\s+settings\b/i.exec(code);
    if (settingsSql && !settingsTableModules.has(file.path)) {
      findings.push({
        rule: 'the settings table is reached only through src/core/store/settingsRepository',
        path: file.path,
        detail: `names ${settingsSql[0]}`,
      });
    }
    if (!inFolder(file.path, 'src/preload') && /\bipcRenderer\b/.test(code)) {
      findings.push({
        rule: 'only the preload touches ipcRenderer',
        path: file.path,
        detail: 'mentions ipcRenderer',
      });
    }
  }
  return findings;
}

/** The modules that may name the `settings` table in SQL: its repository and the schema. */
const settingsTableModules = new Set([
  'src/core/store/settingsRepository.ts',
  'src/core/store/migrations.ts',
]);

function readSources(folder: string): SourceFile[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && sourceExtension.test(entry.name))
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return {
        path: relative(repoRoot, absolute).split(sep).join('/'),
        text: readFileSync(absolute, 'utf8'),
      };
    });
}

/**
 * What a skill shows and asks is declared on its `SkillDefinition` (src/core/skills), so nothing else
 * switches on a skill id: no `case 'file-naming'`, no `skill === 'audio-actions'`, no table keyed by
 * skill ids. Files that still do, each with its reason; the test fails when one no longer does.
 */
const skillSwitchAllowed: readonly { path: string; why: string }[] = [
  {
    path: 'src/renderer/src/Popover/SuggestionCard.tsx',
    why: 'picks the proposal component for the contract union’s `detail.skill` (rendering, not text: the title comes in the view from the skill)',
  },
  {
    path: 'src/core/app/suggestionViews.ts',
    why: 'builds the contract’s per-skill detail union from each skill’s output',
  },
  {
    path: 'src/core/app/intakeService.ts',
    why: 'keeps the previous markdown version for markdown-analysis sources',
  },
  {
    path: 'src/core/runner/buildSkillInput.ts',
    why: 'reads each skill’s input from its source (file, transcript, diff): to become the skill’s own',
  },
  {
    path: 'src/core/suggestions/answerSuggestion.ts',
    why: 'what an answer does per skill (a rename, kept actions), and its “Kept the name” reply; which answers a skill takes could read its suggestionAnswers',
  },
  {
    path: 'src/core/suggestions/createSuggestion.ts',
    why: 'which skills make suggestions and what a file-naming suggestion renames',
  },
];

const skillIdLiteral = "'(?:file-naming|code-linting|markdown-analysis|audio-actions)'";
/** `case 'file-naming'`, `=== 'code-linting'` (either side), or a table key `'audio-actions':`. */
const skillSwitch = new RegExp(
  `\\bcase\\s+${skillIdLiteral}|[!=]==\\s*${skillIdLiteral}|${skillIdLiteral}\\s*[!=]==|^\\s*${skillIdLiteral}\\s*:`,
  'm',
);

/** Files outside src/core/skills that switch on a skill id. */
function skillSwitches(files: readonly SourceFile[]): string[] {
  return files
    .filter((file) => !inFolder(file.path, 'src/core/skills') && skillSwitch.test(stripComments(file.text)))
    .map((file) => file.path);
}

describe('architecture (STYLE.md convention 1)', () => {
  const sources = readSources('src');

  it('scans the real source tree', () => {
    const paths = sources.map((file) => file.path);
    expect(paths).toContain('src/core/rng.ts');
    expect(paths).toContain('src/preload/index.ts');
    expect(paths).toContain('src/renderer/src/main.tsx');
  });

  it('finds no boundary violation in src/', () => {
    expect(findViolations(sources)).toEqual([]);
  });

  it('places every core module in a layer', () => {
    const unplaced = sources
      .map((file) => file.path)
      .filter((path) => inFolder(path, 'src/core') && coreLayer(path) === null);
    expect(unplaced).toEqual([]);
  });

  it('lists only exceptions that still exist', () => {
    const graph = importGraph(sources.map((file) => ({ ...file })));
    const known = new Set(sources.map((file) => file.path));
    const stale = knownExceptions.filter((exception) => {
      const file = sources.find((candidate) => candidate.path === exception.from);
      if (!file || !known.has(exception.to)) return true;
      return !importSpecifiers(stripComments(file.text)).some(
        (specifier) => resolveImport(known, file.path, specifier) === exception.to,
      );
    });
    expect(stale).toEqual([]);
    expect(graph.imports.get('src/core/runner/runSkill.ts')).not.toContain('src/core/evolution/abSession.ts');
  });

  it('switches on a skill id only in src/core/skills (and the files listed with their reason)', () => {
    const allowed = new Set(skillSwitchAllowed.map((entry) => entry.path));
    const found = skillSwitches(sources);
    expect(found.filter((path) => !allowed.has(path))).toEqual([]);
    expect([...allowed].filter((path) => !found.includes(path))).toEqual([]);
  });

  it('recognises each way of switching on a skill id', () => {
    const samples = [
      "switch (skill) { case 'file-naming': return 1; }",
      "if (job.skill === 'markdown-analysis') run();",
      "if ('audio-actions' !== skill) return;",
      "const verbs = {\n  'code-linting': 'Checking',\n};",
    ];
    for (const text of samples)
      expect(skillSwitches([{ path: 'src/main/a.ts', text }])).toEqual(['src/main/a.ts']);
    const fine = [
      { path: 'src/core/skills/a.ts', text: "switch (id) { case 'file-naming': return 1; }" },
      { path: 'src/core/app/a.ts', text: "const skill = getSkill('file-naming');" },
      { path: 'src/shared/ipc/a.ts', text: "z.object({ skill: z.literal('audio-actions') });" },
    ];
    expect(skillSwitches(fine)).toEqual([]);
  });

  describe('the scanner catches each kind of violation', () => {
    const violations: ReadonlyArray<readonly [label: string, file: SourceFile, rule: string]> = [
      ['core importing electron', { path: 'src/core/a.ts', text: "import { app } from 'electron';" }, 'core'],
      [
        'core type-importing react',
        { path: 'src/core/a.ts', text: "import type { FC } from 'react';" },
        'core',
      ],
      [
        'core importing react-dom/client',
        { path: 'src/core/a.ts', text: "import 'react-dom/client';" },
        'core',
      ],
      ['core importing zustand', { path: 'src/core/x/a.ts', text: "const z = require('zustand');" }, 'core'],
      [
        'core reaching into main',
        { path: 'src/core/x/a.ts', text: "export * from '../../main/tray';" },
        'core',
      ],
      [
        'core reaching into renderer',
        { path: 'src/core/a.ts', text: "await import('../renderer/x');" },
        'core',
      ],
      ['core reaching into preload', { path: 'src/core/a.ts', text: "import x from '../preload';" }, 'core'],
      [
        'core reaching into cli',
        { path: 'src/core/a.ts', text: "import { run } from '../cli/run';" },
        'core',
      ],
      [
        'main mentioning ipcRenderer',
        { path: 'src/main/a.ts', text: 'const leak = ipcRenderer;' },
        'ipcRenderer',
      ],
      [
        'renderer importing ipcRenderer',
        { path: 'src/renderer/a.tsx', text: "import { ipcRenderer } from 'x';" },
        'ipcRenderer',
      ],
      [
        'renderer importing node:fs',
        { path: 'src/renderer/a.tsx', text: "import { readFile } from 'node:fs';" },
        'renderer',
      ],
      [
        'renderer importing path',
        { path: 'src/renderer/a.tsx', text: "import { join } from 'path';" },
        'renderer',
      ],
      [
        'renderer importing child_process',
        { path: 'src/renderer/a.ts', text: "require('child_process');" },
        'renderer',
      ],
      [
        'renderer importing fs/promises',
        { path: 'src/renderer/a.ts', text: "import 'fs/promises';" },
        'renderer',
      ],
      [
        'renderer importing better-sqlite3',
        { path: 'src/renderer/a.ts', text: "import Db from 'better-sqlite3';" },
        'renderer',
      ],
      [
        'renderer importing node-llama-cpp',
        { path: 'src/renderer/a.ts', text: "import { getLlama } from 'node-llama-cpp';" },
        'renderer',
      ],
      [
        'shared contract importing node:os',
        { path: 'src/shared/ipc/a.ts', text: "import os from 'node:os';" },
        'renderer',
      ],
      ['cli importing electron', { path: 'src/cli/a.ts', text: "import { app } from 'electron';" }, 'cli'],
      [
        'core calling fetch',
        { path: 'src/core/runner/a.ts', text: "await fetch('https://x.test');" },
        'network',
      ],
      [
        'main importing node:https',
        { path: 'src/main/a.ts', text: "import https from 'node:https';" },
        'network',
      ],
      [
        'renderer opening a WebSocket',
        { path: 'src/renderer/a.ts', text: "new WebSocket('wss://x');" },
        'network',
      ],
      ['cli importing net', { path: 'src/cli/a.ts', text: "import { connect } from 'net';" }, 'network'],
      [
        'main preparing SQL',
        { path: 'src/main/a.ts', text: "store.db.prepare('SELECT id FROM tasks').get();" },
        'no SQL',
      ],
      [
        'core reading the settings table by hand',
        {
          path: 'src/core/watch/a.ts',
          text: "ctx.store.db.prepare('SELECT value FROM settings WHERE key = ?');",
        },
        'settingsRepository',
      ],
      ['cli reading a pragma', { path: 'src/cli/a.ts', text: "db.pragma('data_version');" }, 'no SQL'],
      [
        'cli importing src/main',
        { path: 'src/cli/a.ts', text: "import { createIntakeService } from '../main/intakeService';" },
        'src/main',
      ],
      [
        'shared importing the core',
        {
          path: 'src/shared/ipc/a.ts',
          text: "import { sessionStatuses } from '../../core/store/columnValues';",
        },
        'outside src/shared',
      ],
      [
        'shared values importing the contract',
        { path: 'src/shared/values/a.ts', text: "import type { X } from '../ipc/channels';" },
        'leaf',
      ],
      [
        'renderer importing the core',
        {
          path: 'src/renderer/src/a.ts',
          text: "import { tallyVerdicts } from '../../core/monitor/accuracyOverWindow';",
        },
        'renderer imports only',
      ],
      [
        'store importing skills (upward)',
        { path: 'src/core/store/a.ts', text: "import { getSkill } from '../skills/skillRegistry';" },
        'layers',
      ],
      [
        'runner importing evolution',
        { path: 'src/core/runner/a.ts', text: "import { nextComparison } from '../evolution/abSession';" },
        'layers',
      ],
      [
        'runner type-importing the application layer',
        { path: 'src/core/runner/a.ts', text: "import type { CoreRef } from '../app/coreRef';" },
        'layers',
      ],
      [
        'evolution importing the IPC contract',
        {
          path: 'src/core/evolution/a.ts',
          text: "import type { PendingChoice } from '../../shared/ipc/stateSchemas';",
        },
        'layers',
      ],
    ];

    it.each(violations)('%s', (_label, file, rule) => {
      const findings = findViolations([file]);
      expect(findings).toHaveLength(1);
      expect(findings[0]?.rule).toContain(rule);
    });

    it('accepts what each folder is allowed to do', () => {
      const allowed: SourceFile[] = [
        { path: 'src/core/a.ts', text: "import { z } from 'zod';\nimport { seededRng } from './rng';" },
        { path: 'src/core/a.ts', text: '// never import electron here, nor hand ipcRenderer to a page' },
        { path: 'src/main/a.ts', text: "import { app } from 'electron';\nimport { join } from 'node:path';" },
        { path: 'src/preload/index.ts', text: "import { contextBridge, ipcRenderer } from 'electron';" },
        {
          path: 'src/renderer/a.tsx',
          text: "import { useState } from 'react';\nimport { create } from 'zustand';",
        },
        {
          path: 'src/cli/a.ts',
          text: "import Database from 'better-sqlite3';\nimport { readFile } from 'node:fs';",
        },
        { path: 'src/core/llm/downloadModel.ts', text: 'const r = await fetch(url);' },
        {
          path: 'src/core/llm/pullModel.ts',
          text: 'interface O { fetch?: typeof fetch }\nf({ fetch: options.fetch });',
        },
        { path: 'src/core/evolution/a.ts', text: "import { runSkill } from '../runner/runSkill';" },
        {
          path: 'src/core/store/a.ts',
          text: "import { sessionStatuses } from '../../shared/values/columnValues';",
        },
        {
          path: 'src/core/store/a.ts',
          text: "import type { ExamplePolicy } from '../examples/examplePolicy';",
        },
        {
          path: 'src/core/app/a.ts',
          text: "import type { PendingChoice } from '../../shared/ipc/stateSchemas';",
        },
        {
          path: 'src/shared/ipc/a.ts',
          text: "import { z } from 'zod';\nimport { x } from '../values/columnValues';",
        },
        {
          path: 'src/renderer/src/a.ts',
          text: "import type { TinyArmsApi } from '../../shared/ipc/channels';",
        },
        { path: 'src/cli/a.ts', text: "import { suggestionViews } from '../core/app/suggestionViews';" },
      ];
      expect(findViolations(allowed)).toEqual([]);
    });

    it('follows imports through a chain of files', () => {
      const chain: SourceFile[] = [
        { path: 'src/cli/a.ts', text: "import { b } from '../core/app/b';" },
        { path: 'src/core/app/b.ts', text: "export { c } from './c';" },
        { path: 'src/core/app/c.ts', text: "import { tray } from '../../main/tray';" },
        { path: 'src/main/tray.ts', text: "import { Tray } from 'electron';" },
      ];
      const findings = findViolations(chain);
      expect(findings).toContainEqual({
        rule: 'cli imports nothing from src/main',
        path: 'src/cli/a.ts',
        detail: 'reaches src/main/tray.ts through src/core/app/b.ts → src/core/app/c.ts',
      });
      expect(findings).toContainEqual({
        rule: 'cli does not import Electron',
        path: 'src/cli/a.ts',
        detail: 'imports electron through src/core/app/b.ts → src/core/app/c.ts → src/main/tray.ts',
      });
      // The core files on the way break the core's own rule as well.
      expect(new Set(findings.filter((f) => f.rule.startsWith('core stays')).map((f) => f.path))).toEqual(
        new Set(['src/core/app/b.ts', 'src/core/app/c.ts']),
      );
    });

    it('reaches a Node built-in through the contract into the page', () => {
      const chain: SourceFile[] = [
        { path: 'src/renderer/src/a.tsx', text: "import { s } from '../../shared/ipc/s';" },
        { path: 'src/shared/ipc/s.ts', text: "import { v } from '../values/v';" },
        { path: 'src/shared/values/v.ts', text: "import { join } from 'node:path';" },
      ];
      expect(findViolations(chain).filter((f) => f.path === 'src/renderer/src/a.tsx')).toEqual([
        {
          rule: 'renderer and shared contract use no Node built-ins, native modules or Electron',
          path: 'src/renderer/src/a.tsx',
          detail: 'imports the Node built-in node:path through src/shared/ipc/s.ts → src/shared/values/v.ts',
        },
      ]);
    });
  });
});
