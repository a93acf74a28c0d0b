// Bundles the CLI to out/cli/index.js so `tinyarms` starts without a TypeScript runtime.
// Native and ESM-only packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'out/cli/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
