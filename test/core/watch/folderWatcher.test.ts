import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createFolderWatcher } from '../../../src/core/watch/folderWatcher';
import type { WatchSource } from '../../../src/core/watch/watchSources';
import { TRANSCRIPT_EXTENSIONS } from '../../../src/core/watch/watchSources';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { makeRecordingWatchers, TEST_STABILITY_MS } from './recordingWatcher';

const tempDir = makeTempDataDirs();
const startWatching = makeRecordingWatchers();

const folder = (path: string): WatchSource => ({ kind: 'folder', path, skill: 'file-naming' });

/** Writes `chunks` to `path` with pauses shorter than the stability window between them. */
async function writeSlowly(path: string, chunks: string[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for (const [index, chunk] of chunks.entries()) {
      if (index > 0) await sleep(TEST_STABILITY_MS / 3);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
}

describe('createFolderWatcher on a folder', () => {
  it('reports a new file once, after its write has finished', async () => {
    const dir = tempDir();
    const { events } = await startWatching([folder(dir)]);
    const file = join(dir, 'scan.pdf');
    const chunks = ['a'.repeat(1000), 'b'.repeat(1000), 'c'.repeat(1000)];
    await writeSlowly(file, chunks);

    await expect.poll(() => events.length).toBe(1);
    writeFileSync(join(dir, 'later.txt'), 'sentinel'); // once it is reported, scan.pdf had its chance
    await expect.poll(() => events.length).toBe(2);
    expect(events).toEqual([
      { skill: 'file-naming', path: file, kind: 'added', size: 3000 },
      { skill: 'file-naming', path: join(dir, 'later.txt'), kind: 'added', size: 8 },
    ]);
  });

  it('ignores downloads in progress, hidden files and directories, and reports the finished download', async () => {
    const dir = tempDir();
    const { events } = await startWatching([folder(dir)]);
    writeFileSync(join(dir, '.DS_Store'), 'x');
    writeFileSync(join(dir, 'movie.mkv.part'), 'x');
    mkdirSync(join(dir, 'Photo.heic.download'));
    writeFileSync(join(dir, 'Photo.heic.download', 'Photo.heic'), 'x'); // Safari's bundle content
    const partial = join(dir, 'x.pdf.crdownload');
    await writeSlowly(partial, ['%PDF-1.7 ', 'rest of it']);
    renameSync(partial, join(dir, 'x.pdf'));

    await expect.poll(() => events.length).toBe(1);
    writeFileSync(join(dir, 'sentinel.txt'), 'x');
    await expect.poll(() => events.length).toBe(2);
    expect(events.map((event) => [event.path, event.kind, event.size])).toEqual([
      [join(dir, 'x.pdf'), 'added', 19],
      [join(dir, 'sentinel.txt'), 'added', 1],
    ]);
  });

  it('ignores files there at start, subfolders and what is inside them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.pdf'), 'x');
    mkdirSync(join(dir, 'Archive'));
    writeFileSync(join(dir, 'Archive', 'old.pdf'), 'x');
    const { events } = await startWatching([folder(dir)]);

    writeFileSync(join(dir, 'Archive', 'new.pdf'), 'x');
    mkdirSync(join(dir, 'Projects'));
    writeFileSync(join(dir, 'Projects', 'plan.txt'), 'x');
    writeFileSync(join(dir, 'old.pdf'), 'changed'); // a change is not a new file
    await sleep(50); // let the directory events above come first; no assertion rests on it
    writeFileSync(join(dir, 'new.pdf'), 'x');

    await expect.poll(() => events.length).toBe(1);
    writeFileSync(join(dir, 'sentinel.txt'), 'x');
    await expect.poll(() => events.length).toBe(2);
    expect(events.map((event) => event.path)).toEqual([join(dir, 'new.pdf'), join(dir, 'sentinel.txt')]);
  });

  it('is ready on a folder that already holds files, and reports the next one', async () => {
    const dir = tempDir();
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `scan-${i}.pdf`), 'x');
    const watcher = createFolderWatcher({
      sources: [folder(dir)],
      stabilityMs: TEST_STABILITY_MS,
      onFile: (event) => events.push(event.path),
      onError: (error) => errors.push(error.message),
    });
    const events: string[] = [];
    const errors: string[] = [];
    try {
      const waited = await Promise.race([
        watcher.ready.then(() => 'ready'),
        sleep(15_000).then(() => 'still not ready after 15 s'),
      ]);
      expect(waited).toBe('ready');
      writeFileSync(join(dir, 'new.pdf'), 'x');
      await expect.poll(() => events).toEqual([join(dir, 'new.pdf')]);
      expect(errors).toEqual([]);
    } finally {
      await watcher.close();
    }
  });

  it('reports only transcripts from a transcripts folder', async () => {
    const dir = tempDir();
    const { events } = await startWatching([
      { kind: 'folder', path: dir, skill: 'audio-actions', extensions: TRANSCRIPT_EXTENSIONS },
    ]);
    for (const name of ['voice.m4a', 'call.txt', 'notes.MD', 'slides.pdf', 'talk.vtt', 'noext', 'film.srt']) {
      writeFileSync(join(dir, name), 'x');
    }
    await expect.poll(() => events.length).toBe(4);
    writeFileSync(join(dir, 'sentinel.txt'), 'x');
    await expect.poll(() => events.length).toBe(5);
    expect(events.every((event) => event.skill === 'audio-actions' && event.kind === 'added')).toBe(true);
    expect(events.map((event) => event.path).sort()).toEqual(
      ['call.txt', 'film.srt', 'notes.MD', 'sentinel.txt', 'talk.vtt'].map((name) => join(dir, name)),
    );
  });

  it('reports a missing source once, by path, and keeps watching the others', async () => {
    const dir = tempDir();
    const missing = join(dir, 'Gone');
    const missingFile = join(dir, 'gone.md');
    const watched = join(dir, 'Here');
    mkdirSync(watched);
    writeFileSync(join(dir, 'plain.txt'), 'x');
    const { events, errors } = await startWatching([
      folder(missing),
      folder(watched),
      { kind: 'file', path: missingFile, skill: 'markdown-analysis' },
      folder(join(dir, 'plain.txt')),
    ]);
    expect(errors).toEqual([
      { path: missing, message: expect.stringContaining(`${missing} does not exist`) },
      { path: missingFile, message: expect.stringContaining(`${missingFile} does not exist`) },
      { path: join(dir, 'plain.txt'), message: expect.stringContaining('is not a folder') },
    ]);
    writeFileSync(join(watched, 'new.pdf'), 'x');
    await expect.poll(() => events.map((event) => event.path)).toEqual([join(watched, 'new.pdf')]);
    expect(errors).toHaveLength(3);
  });
});

describe('createFolderWatcher on a markdown file', () => {
  it('counts a file deleted and written again as a save of it', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, '# Notes\n');
    const { events } = await startWatching([{ kind: 'file', path: notes, skill: 'markdown-analysis' }]);

    unlinkSync(notes);
    await sleep(250); // longer than chokidar's 100 ms rename window: the file is really gone a while
    writeFileSync(notes, '# Notes, rewritten\n');
    await expect.poll(() => events.length).toBe(1);
    writeFileSync(notes, '# Notes, rewritten again\n');
    await expect.poll(() => events.length).toBe(2);
    expect(events.map(({ kind, size }) => [kind, size])).toEqual([
      ['changed', 19],
      ['changed', 25],
    ]);
  });

  it('reports each save as a change, plain writes and atomic rename-over alike', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, '# Notes\n');
    const { events } = await startWatching([{ kind: 'file', path: notes, skill: 'markdown-analysis' }]);

    const saves = ['# Notes\n\n- first save\n', '# Notes\n\n- first save\n- second save\n', '# Notes\n'];
    writeFileSync(notes, saves[0] ?? '');
    await expect.poll(() => events.length).toBe(1);

    // What VS Code, vim (backupcopy=no) and most macOS apps do: write aside, rename over.
    const aside = join(dir, '.notes.md.tmp-4242');
    writeFileSync(aside, saves[1] ?? '');
    renameSync(aside, notes);
    await expect.poll(() => events.length).toBe(2);

    writeFileSync(join(dir, 'other.md'), 'not watched');
    writeFileSync(notes, saves[2] ?? '');
    await expect.poll(() => events.length).toBe(3);
    expect(events).toEqual(
      saves.map((save) => ({
        skill: 'markdown-analysis',
        path: notes,
        kind: 'changed',
        size: Buffer.byteLength(save),
      })),
    );
  });
});
