import { existsSync, linkSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { UserInputError } from '../coreContext';
import { splitFilename } from '../skills/fileNaming';

/** `name-2.pdf` … `name-99.pdf`: beyond that the folder has a problem a suffix will not solve. */
const MAX_SUFFIX = 99;
/** Most file systems (APFS, ext4) cap a name at 255 bytes. */
const MAX_NAME_BYTES = 255;

/** A rename target exists already; the caller picks another name or gives up. */
export class NameTakenError extends Error {
  override readonly name = 'NameTakenError';
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * Moves `from` to `to` in the same folder and never replaces an existing file. `link` + `unlink`
 * fails atomically when `to` exists (`rename` would silently overwrite it); on file systems without
 * hard links (exFAT, some network shares) it falls back to check-then-rename, which leaves a window
 * of a few microseconds. A case-only change (`Scan.pdf` → `scan.pdf` on a case-insensitive volume)
 * is the same file, so it is renamed directly.
 *
 * @throws NameTakenError when `to` exists.
 */
export function moveWithoutOverwrite(from: string, to: string): void {
  if (from === to) return;
  if (existsSync(to)) {
    const a = statSync(from);
    const b = statSync(to);
    if (a.ino === b.ino && a.dev === b.dev) {
      renameSync(from, to);
      return;
    }
    throw new NameTakenError(`${basename(to)} exists in ${dirname(to)}`);
  }
  try {
    linkSync(from, to);
  } catch (error) {
    if (code(error) === 'EEXIST') throw new NameTakenError(`${basename(to)} exists in ${dirname(to)}`);
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EXDEV', 'ENOSYS'].includes(code(error) ?? ''))
      throw error;
    if (existsSync(to)) throw new NameTakenError(`${basename(to)} exists in ${dirname(to)}`);
    renameSync(from, to);
    return;
  }
  unlinkSync(from);
}

/**
 * Renames `from` to `name` in its folder; when that name is taken, to the first free
 * `stem-2.ext`, `stem-3.ext`… Answers the path the file has now.
 */
export function renameToFreeName(from: string, name: string): string {
  const folder = dirname(from);
  const { stem } = nameParts(name);
  for (const candidate of nameCandidates(folder, name)) {
    if (candidate === from) return from;
    try {
      moveWithoutOverwrite(from, candidate);
      return candidate;
    } catch (error) {
      if (!(error instanceof NameTakenError)) throw error;
    }
  }
  throw new UserInputError(`${name} and ${stem}-2 … ${stem}-${MAX_SUFFIX} are all taken in ${folder}`);
}

function nameParts(name: string) {
  const extension = extname(name);
  return { stem: extension ? name.slice(0, -extension.length) : name, extension };
}

/** The paths {@link renameToFreeName} tries for `name` in `folder`, in order. */
export function nameCandidates(folder: string, name: string): string[] {
  const { stem, extension } = nameParts(name);
  return Array.from({ length: MAX_SUFFIX }, (_, i) =>
    join(folder, i === 0 ? name : `${stem}-${i + 1}${extension}`),
  );
}

/** The original name's extension, as the file has it (`.PDF` stays `.PDF`); empty without one. */
function originalExtension(originalName: string): string {
  return splitFilename(originalName).extension;
}

/**
 * The name a file-naming proposal renames to: the model's stem (kebab-case by the skill's rules,
 * cleaned of anything a file name cannot hold) with the file's OWN extension — a rename never
 * changes a file's type, whatever the model wrote after the dot. `null` when no usable stem is left.
 */
export function proposedFileName(modelFilename: string, originalName: string): string | null {
  const { stem } = splitFilename(modelFilename.trim());
  const clean = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (clean === '') return null;
  const extension = originalExtension(originalName);
  return withinNameLimit(extension ? `${clean}.${extension}` : clean);
}

function withinNameLimit(name: string): string | null {
  return Buffer.byteLength(name) <= MAX_NAME_BYTES ? name : null;
}

/**
 * The name the user typed, checked as a file name: one path segment, no leading dot (it would hide
 * the file), no `/`, `:` (Finder shows it as `/`) or control characters, at most 255 bytes. The file
 * keeps its type: its extension is appended unless the typed name already ends with it.
 *
 * @throws UserInputError naming the problem.
 */
export function userFileName(typed: string, originalName: string): string {
  const name = typed.trim();
  if (name === '') throw new UserInputError('the new name is empty');
  if (/[/:\\]/.test(name)) throw new UserInputError(`"${name}" contains / or : (not allowed in a file name)`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new UserInputError('the new name contains control characters');
  if (name.startsWith('.'))
    throw new UserInputError(`"${name}" starts with a dot, which would hide the file`);
  const extension = originalExtension(originalName);
  const keepsType = extension === '' || name.toLowerCase().endsWith(`.${extension.toLowerCase()}`);
  const full = keepsType ? name : `${name}.${extension}`;
  const checked = withinNameLimit(full);
  if (checked === null) throw new UserInputError(`"${name}" is longer than ${MAX_NAME_BYTES} bytes`);
  return checked;
}
