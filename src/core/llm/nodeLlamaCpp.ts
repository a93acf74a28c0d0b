import type * as NodeLlamaCppModule from 'node-llama-cpp';

export type NodeLlamaCpp = typeof NodeLlamaCppModule;

let loading: Promise<NodeLlamaCpp> | undefined;

/**
 * node-llama-cpp, imported on first use. Importing it takes ~600 ms on a 2-core machine, so only
 * code about to touch a model calls this; everything else imports its types with `import type`.
 * The import stays a dynamic `import()` in the CLI bundle too: esbuild hoists a static import of an
 * external package to the bundle's top even from a lazily reached module.
 */
export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  if (!loading) {
    loading = import('node-llama-cpp');
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
