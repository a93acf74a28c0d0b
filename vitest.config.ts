import { defineConfig } from 'vitest/config';

/**
 * Two groups. Everything that does not run the model goes first, in parallel. Then the files that do
 * (`*.model.test.ts`) run one at a time: llama.cpp threads slow down badly when two models (or a
 * model and Chromium) share 2 cores, and a lone model run keeps the suite's time predictable.
 */
export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['test/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A poll waits on the UI or the database; on a loaded 2-core CI machine 1 s (the default) is short.
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.model.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'model',
          include: ['test/**/*.model.test.ts'],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
