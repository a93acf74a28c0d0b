import { lstatSync } from 'node:fs';
import { z } from 'zod';

/**
 * What tells one file from another at the same path: device and inode (the file itself), with its
 * size and modification time (its contents as they were). Numbers as decimal strings: inodes are
 * 64-bit.
 */
export const fileIdentitySchema = z.object({
  dev: z.string(),
  ino: z.string(),
  size: z.string(),
  mtimeNs: z.string(),
});
export type FileIdentity = z.infer<typeof fileIdentitySchema>;

/**
 * The identity of the regular file at `path`, not following a link; `null` when there is none
 * (nothing there, a folder, a symbolic link).
 */
export function fileIdentity(path: string): FileIdentity | null {
  try {
    const stat = lstatSync(path, { bigint: true });
    if (!stat.isFile()) return null;
    return {
      dev: String(stat.dev),
      ino: String(stat.ino),
      size: String(stat.size),
      mtimeNs: String(stat.mtimeNs),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** The same file (it may have been edited since). */
export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** The same file with the same contents, as far as size and modification time tell. */
export function unchangedFile(a: FileIdentity, b: FileIdentity): boolean {
  return sameFile(a, b) && a.size === b.size && a.mtimeNs === b.mtimeNs;
}
