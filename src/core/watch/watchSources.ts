import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Config } from '../config';
import type { SkillId } from '../skills';

/** Folder under the data folder where transcripts can be dropped (always watched). */
export const TRANSCRIPTS_DIR = 'transcripts';

/** Transcript files audio-actions reads (plain text and the common subtitle formats). */
export const TRANSCRIPT_EXTENSIONS: readonly string[] = ['txt', 'md', 'vtt', 'srt'];

/**
 * One thing to watch. A folder reports each new file directly inside it (not in subfolders), only
 * those whose extension is in `extensions` when given; a file reports each save.
 */
export type WatchSource =
  | {
      readonly kind: 'folder';
      /** Absolute. */
      readonly path: string;
      readonly skill: SkillId;
      /** Lower-case, without the dot; absent = every extension. */
      readonly extensions?: readonly string[];
    }
  | { readonly kind: 'file'; readonly path: string; readonly skill: SkillId };

/**
 * Everything the configuration asks to watch, with absolute paths: `config.watchers.folders` for
 * file naming, the data folder's transcripts drop folder (created here if missing) and
 * `watchers.transcripts_folder` for audio actions, `watchers.markdown_files` for markdown analysis.
 * `~` means `home`; a relative path is taken from `home` too, since the app's working directory
 * means nothing to the user. The same path listed twice for the same skill is watched once.
 *
 * @param home the user's home folder @default os.homedir()
 */
export function watchSources(config: Config, dataDir: string, home: string = homedir()): WatchSource[] {
  const absolute = (path: string): string => {
    if (path === '~') return resolve(home);
    if (path.startsWith('~/')) return resolve(home, path.slice(2));
    return isAbsolute(path) ? resolve(path) : resolve(home, path);
  };

  const dropFolder = resolve(dataDir, TRANSCRIPTS_DIR);
  mkdirSync(dropFolder, { recursive: true });

  const transcriptFolders = [dropFolder];
  if (config.watchers.transcripts_folder !== null) {
    transcriptFolders.push(absolute(config.watchers.transcripts_folder));
  }

  const all: WatchSource[] = [
    ...config.watchers.folders.map(
      (path): WatchSource => ({ kind: 'folder', path: absolute(path), skill: 'file-naming' }),
    ),
    ...transcriptFolders.map(
      (path): WatchSource => ({
        kind: 'folder',
        path,
        skill: 'audio-actions',
        extensions: TRANSCRIPT_EXTENSIONS,
      }),
    ),
    ...config.watchers.markdown_files.map(
      (path): WatchSource => ({ kind: 'file', path: absolute(path), skill: 'markdown-analysis' }),
    ),
  ];

  const seen = new Set<string>();
  return all.filter((source) => {
    const id = `${source.skill}\0${source.path}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
