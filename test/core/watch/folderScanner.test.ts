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
