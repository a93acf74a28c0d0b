import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const rendererOutDir = join(repoRoot, 'out', 'renderer');

/**
 * Builds the renderer pages as `electron-vite build` does for the app (same root, plugin and
 * multi-page input, relative base), without building main and preload, which Chromium does not need.
 *
 * @param outDir - where the pages go; each e2e file passes its own, since vitest runs files in
 *   parallel and one build empties its folder first. @default out/renderer
 */
export async function buildRenderer(outDir = rendererOutDir): Promise<string> {
  const root = join(repoRoot, 'src', 'renderer');
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: join(root, 'index.html'), preferences: join(root, 'preferences.html') },
      },
    },
  });
  return outDir;
}
