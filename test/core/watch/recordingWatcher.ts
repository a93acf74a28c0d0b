import { statSync } from 'node:fs';
import { afterEach } from 'vitest';
import { createFolderWatcher, type WatchedFileEvent } from '../../../src/core/watch/folderWatcher';
import type { WatchSource } from '../../../src/core/watch/watchSources';

/** Short enough to keep the suite quick, long enough for a loaded 2-core machine's pauses. */
export const TEST_STABILITY_MS = 300;

export interface RecordedEvent extends WatchedFileEvent {
  /** The file's size on disk when the event arrived, or -1 when it was gone. */
  readonly size: number;
}

/** Starts a real watcher on `sources`, records what it reports, and closes it after the test. */
export function makeRecordingWatchers() {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((watcher) => watcher.close()));
  });
  return async (
    sources: WatchSource[],
    onFile: (event: WatchedFileEvent) => void = () => undefined,
  ): Promise<{ events: RecordedEvent[]; errors: { message: string; path: string | null }[] }> => {
    const events: RecordedEvent[] = [];
    const errors: { message: string; path: string | null }[] = [];
    const watcher = createFolderWatcher({
      sources,
      stabilityMs: TEST_STABILITY_MS,
      onFile: (event) => {
        events.push({ ...event, size: sizeOf(event.path) });
        onFile(event);
      },
      onError: (error, path) => errors.push({ message: error.message, path }),
    });
    open.push(watcher);
    await watcher.ready;
    return { events, errors };
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}
