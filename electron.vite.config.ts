import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Native modules load from node_modules at run time (asarUnpack in electron-builder.yml); bundling
 * them would lose their `.node` binaries.
 */
const nativeModules = ['better-sqlite3', 'node-llama-cpp', /^@node-llama-cpp\//];

// Entries follow electron-vite's conventions (src/main/index.ts, src/preload/index.ts,
// src/renderer/*.html) and everything is written to out/.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: { external: nativeModules },
    },
  },
  preload: {
    build: {
      // A sandboxed preload has no module loader: it must be one CommonJS file with every dependency
      // inlined (only `electron` stays external). https://www.electronjs.org/docs/latest/tutorial/esm
      externalizeDeps: false,
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [react()],
    build: {
      // Two pages: the popover (index.html) and the preferences window (preferences.html), served
      // in the app from app://tinyarms/<page> (src/main/appProtocol.ts).
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/renderer/index.html'),
          preferences: resolve(import.meta.dirname, 'src/renderer/preferences.html'),
        },
      },
    },
  },
});
