import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, defaultConfig } from '../../../src/core/config';
import { TRANSCRIPT_EXTENSIONS, watchSources } from '../../../src/core/watch/watchSources';
import { makeTempDataDirs } from '../../support/tempDataDir';

const tempDir = makeTempDataDirs();
const home = '/Users/ada';

function configWith(watchers: Partial<Config['watchers']>): Config {
  return { ...defaultConfig, watchers: { ...defaultConfig.watchers, ...watchers } };
}

describe('watchSources', () => {
  it('watches only the transcripts drop folder by default, and creates it', () => {
    const dataDir = tempDir();
    const drop = join(dataDir, 'transcripts');
    expect(existsSync(drop)).toBe(false);
    expect(watchSources(defaultConfig, dataDir, home)).toEqual([
      { kind: 'folder', path: drop, skill: 'audio-actions', extensions: TRANSCRIPT_EXTENSIONS },
    ]);
    expect(statSync(drop).isDirectory()).toBe(true);
    expect(TRANSCRIPT_EXTENSIONS).toEqual(['txt', 'md', 'vtt', 'srt']);
  });

  it('maps every configured path to its skill, with ~ expanded and paths absolute', () => {
    const dataDir = tempDir();
    const config = configWith({
      folders: ['~/Downloads', '/Volumes/Scans/inbox/', 'Desktop'],
      transcripts_folder: '~/Documents/Transcripts',
      markdown_files: ['~/notes/todo.md', '/srv/wiki/../wiki/index.md'],
    });
    expect(watchSources(config, dataDir, home)).toEqual([
      { kind: 'folder', path: '/Users/ada/Downloads', skill: 'file-naming' },
      { kind: 'folder', path: '/Volumes/Scans/inbox', skill: 'file-naming' },
      { kind: 'folder', path: '/Users/ada/Desktop', skill: 'file-naming' },
      {
        kind: 'folder',
        path: join(dataDir, 'transcripts'),
        skill: 'audio-actions',
        extensions: TRANSCRIPT_EXTENSIONS,
      },
      {
        kind: 'folder',
        path: '/Users/ada/Documents/Transcripts',
        skill: 'audio-actions',
        extensions: TRANSCRIPT_EXTENSIONS,
      },
      { kind: 'file', path: '/Users/ada/notes/todo.md', skill: 'markdown-analysis' },
      { kind: 'file', path: '/srv/wiki/index.md', skill: 'markdown-analysis' },
    ]);
  });

  it('watches a path once per skill however it is spelled', () => {
    const dataDir = tempDir();
    const config = configWith({
      folders: ['~/Downloads', '/Users/ada/Downloads/', '~', '/Users/ada'],
      transcripts_folder: join(dataDir, 'transcripts'),
      markdown_files: ['~/a.md', '/Users/ada/./a.md'],
    });
    expect(watchSources(config, dataDir, home).map(({ skill, path }) => `${skill} ${path}`)).toEqual([
      'file-naming /Users/ada/Downloads',
      'file-naming /Users/ada',
      `audio-actions ${join(dataDir, 'transcripts')}`,
      'markdown-analysis /Users/ada/a.md',
    ]);
  });
});
