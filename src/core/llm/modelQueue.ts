/**
 * Runs model work one task at a time. Loading, generating and unloading all go through one queue
 * per process, so the skill runner, the breeder and the judge never load a model twice, never
 * evaluate on the same context at once, and an idle unload never lands mid-generation.
 */
export interface ModelQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createModelQueue(): ModelQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const next = tail.then(task);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

/** The process-wide queue every local model uses unless a test injects its own. */
export const sharedModelQueue: ModelQueue = createModelQueue();
