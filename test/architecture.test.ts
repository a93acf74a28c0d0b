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

interface ImportRule {
  readonly name: string;
  readonly appliesTo: (path: string) => boolean;
  /** A reason when the import (bare name, or resolved repo-relative path) is forbidden. */
  readonly forbids: (target: string) => string | undefined;
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
    name: 'cli does not import Electron',
    appliesTo: (path) => inFolder(path, 'src/cli'),
    forbids: (target) => (packageName(target) === 'electron' ? 'imports electron' : undefined),
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

/** Every boundary violation in `files`; empty when the architecture holds. */
function findViolations(files: readonly SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const code = stripComments(file.text);
    for (const rule of importRules.filter((candidate) => candidate.appliesTo(file.path))) {
      for (const specifier of importSpecifiers(code)) {
        const reason = rule.forbids(resolveSpecifier(file.path, specifier));
        if (reason !== undefined) findings.push({ rule: rule.name, path: file.path, detail: reason });
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
      ];
      expect(findViolations(allowed)).toEqual([]);
    });
  });
});
