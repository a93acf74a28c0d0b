/**
 * Suffixes browsers, download managers and torrent clients give a file while it is still being
 * written; the finished file arrives later under its real name (a rename), which is the one we want.
 * Lower case: the match ignores case (`.PART` and `.!qB` are both seen in the wild).
 */
export const PARTIAL_DOWNLOAD_SUFFIXES: readonly string[] = [
  '.crdownload', // Chrome, Edge, Brave
  '.part', // Firefox, Transmission, curl/wget scripts
  '.partial', // Internet Explorer, some download managers
  '.download', // Safari (a directory bundle)
  '.opdownload', // Opera
  '.tmp',
  '.!qb', // qBittorrent
  '.!ut', // µTorrent
  '.icloud', // iCloud placeholder of a file not downloaded yet
];

/**
 * Whether a file name is one the watchers must never turn into a task: hidden files (`.DS_Store`,
 * editor swap files), downloads still in progress, Office lock files (`~$report.docx`) and the
 * macOS custom-folder-icon file (`Icon\r`). Takes a base name, not a path.
 */
export function shouldIgnoreName(name: string): boolean {
  if (name === '' || name.startsWith('.') || name.startsWith('~$') || name === 'Icon\r') return true;
  const lower = name.toLowerCase();
  return PARTIAL_DOWNLOAD_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}
