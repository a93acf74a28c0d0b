import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchedFileEvent } from '../../../src/core/watch/folderWatcher';
import { createIntakeQueue, type IntakeProgress } from '../../../src/core/watch/intakeQueue';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { makeRecordingWatchers } from './recordingWatcher';

const tempDir = makeTempDataDirs();
const startWatching = makeRecordingWatchers();

const FILES = Array.from({ length: 50 }, (_, index) => `f${String(index).padStart(2, '0')}.pdf`);

describe('a burst of files through the watcher into the intake queue', () => {
  it('processes each of 50 new files once, in the order they were written, reporting progress', async () => {
    const dir = tempDir();
    const pushed: string[] = [];
    const processed: string[] = [];
    const reports: IntakeProgress[] = [];
    // The first job waits for the whole burst, as a model call would outlast 50 file events.
    let releaseFirst = (): void => undefined;
    const firstJobHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const queue = createIntakeQueue<WatchedFileEvent>({
      key: (event) => event.path,
      process: async (event) => {
        if (processed.length === 0) await firstJobHeld;
        processed.push(basename(event.path));
      },
      onProgress: (progress) => reports.push(progress),
    });
    const { events } = await startWatching([{ kind: 'folder', path: dir, skill: 'file-naming' }], (event) => {
      if (queue.push(event)) pushed.push(basename(event.path));
      if (pushed.length === FILES.length) releaseFirst();
    });

    for (const name of FILES) writeFileSync(join(dir, name), `content of ${name}`);

    await expect.poll(() => processed.length).toBe(FILES.length);
    await queue.idle();
    const delivered = events.map((event) => basename(event.path));

    // Oldest first: the order they were written (ties in modification time go by name).
    expect(delivered).toEqual(FILES);
    expect(pushed).toEqual(delivered);
    expect(processed).toEqual(pushed);
    const dones = reports.map((report) => report.done);
    expect(dones.filter((done, index) => done !== (dones[index - 1] ?? 0))).toEqual([
      ...FILES.map((_, index) => index + 1), // climbs one by one to 50
      0, // and resets after the burst
    ]);
    expect(Math.max(...reports.map((report) => report.total))).toBe(FILES.length);
    expect(reports.at(-2)).toEqual({ running: false, done: 50, failed: 0, total: 50, current: null });
    expect(queue.progress()).toEqual({ running: false, done: 0, failed: 0, total: 0, current: null });
    await queue.close();
  });
});
