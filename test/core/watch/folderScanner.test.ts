import { renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderScanner } from '../../../src/core/watch/folderScanner';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

function scanner(folder: string) {
  const reported: string[][] = [];
  const errors: string[] = [];
  const scan = createFolderScanner({
    folder,
    accepts: (name) => !name.startsWith('.'),
    stabilityMs: 150,
    pollMs: 50,
    rescanMs: 200,
    onFiles: (paths) => reported.push(paths.map((path) => basename(path))),
    onError: (error) => errors.push(error.message),
  });
  return { scan, reported, errors, flat: () => reported.flat() };
}

describe('createFolderScanner', () => {
  it('finds new files with no event at all (the safety-net rescan), never the ones there at start', async () => {
    const folder = newDir();
    writeFileSync(join(folder, 'old.pdf'), 'old');
    const s = scanner(folder);
    await s.scan.start();
    writeFileSync(join(folder, 'b-new.pdf'), 'b');
    writeFileSync(join(folder, '.hidden'), 'h');
    await expect.poll(s.flat).toEqual(['b-new.pdf']);
    s.scan.close();
    expect(s.errors).toEqual([]);
  });

  it('reports files that settle together oldest first, and a renamed file as new once', async () => {
    const folder = newDir();
    const s = scanner(folder);
    await s.scan.start();
    writeFileSync(join(folder, 'z-first.txt'), '1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(join(folder, 'a-second.txt'), '2');
    s.scan.poke();
    await expect.poll(s.flat).toEqual(['z-first.txt', 'a-second.txt']);
    renameSync(join(folder, 'z-first.txt'), join(folder, 'renamed.txt'));
    s.scan.poke();
    await expect.poll(s.flat).toEqual(['z-first.txt', 'a-second.txt', 'renamed.txt']);
    s.scan.close();
  });
});

describe('createFolderScanner catching up', () => {
  it('reports the files changed since the last run, not the older ones, and says how far it has seen', async () => {
    const folder = newDir();
    writeFileSync(join(folder, 'before.pdf'), 'old');
    // Further apart than the margin for coarse file times (half of stabilityMs).
    await new Promise((resolve) => setTimeout(resolve, 150));
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 30));
    writeFileSync(join(folder, 'while-quit.pdf'), 'new');
    const reported: string[] = [];
    const scanned: Date[] = [];
    const scan = createFolderScanner({
      folder,
      accepts: () => true,
      stabilityMs: 100,
      pollMs: 30,
      rescanMs: 1000,
      since,
      onFiles: (paths) => reported.push(...paths.map((path) => basename(path))),
      onError: (error) => {
        throw error;
      },
      onScanned: (at) => scanned.push(at),
    });
    await scan.start();
    await expect.poll(() => reported).toEqual(['while-quit.pdf']);
    expect(scanned.length).toBeGreaterThan(0);
    expect(scanned.at(-1)?.getTime()).toBeGreaterThan(since.getTime());
    scan.close();
  });
});
