import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UserInputError } from '../coreContext';

/** What `tinyarms run` reads a task from: a file, or standard input for `-`. */
export interface InputSource {
  /** Absolute path; `null` for standard input. */
  path: string | null;
  /** The file's name, or the `--name` given for standard input. */
  name: string;
  /** The first bytes of the content, at most the `maxBytes` asked for. */
  head: Buffer;
  /** Whole size in bytes (for standard input: the bytes read before the cap). */
  sizeBytes: number;
  /** Whether `head` is shorter than the content. */
  truncated: boolean;
  createdAt: Date | null;
  modifiedAt: Date | null;
}

export interface ReadInputOptions {
  /** Bytes read at most; the rest of a file is never touched. */
  maxBytes: number;
  /** Name to report for standard input. @default 'stdin' */
  name?: string;
  /** Base of a relative path. @default process.cwd() */
  cwd?: string;
  /** @default process.stdin */
  stdin?: AsyncIterable<Buffer | string>;
}

/** `-` means standard input, as in most Unix tools. */
export const STDIN_TARGET = '-';

/**
 * Reads at most `maxBytes` of a file (or of standard input for `-`) plus the file's size and dates,
 * so a multi-gigabyte video costs one small read.
 *
 * @throws UserInputError when the path does not exist or is not a regular file.
 */
export async function readInputSource(target: string, options: ReadInputOptions): Promise<InputSource> {
  if (target === STDIN_TARGET) return readStdin(options);
  const path = resolve(options.cwd ?? process.cwd(), target);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UserInputError(
      error.code === 'ENOENT' ? `no file ${path}` : `cannot read ${path}: ${error.message}`,
    );
  });
  if (!info.isFile()) throw new UserInputError(`${path} is not a regular file`);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(options.maxBytes, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return {
      path,
      name: basename(path),
      head: buffer.subarray(0, bytesRead),
      sizeBytes: info.size,
      truncated: bytesRead < info.size,
      // birthtime is the epoch on file systems that do not record it: report nothing rather than 1970.
      createdAt: info.birthtimeMs > 0 ? info.birthtime : null,
      modifiedAt: info.mtime,
    };
  } finally {
    await handle.close();
  }
}

async function readStdin(options: ReadInputOptions): Promise<InputSource> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of options.stdin ?? process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const room = options.maxBytes - size;
    chunks.push(bytes.subarray(0, Math.max(0, room)));
    size += Math.min(bytes.length, Math.max(0, room));
    // Keep draining so the writer never sees EPIPE, but hold no more than the cap.
    if (bytes.length > room) truncated = true;
  }
  const head = Buffer.concat(chunks);
  return {
    path: null,
    name: options.name ?? 'stdin',
    head,
    sizeBytes: head.length,
    truncated,
    createdAt: null,
    modifiedAt: null,
  };
}

/**
 * Whether bytes look like text: no NUL byte, valid UTF-8 (a multi-byte character cut at the end of
 * the buffer is allowed) and few control characters.
 */
export function isLikelyText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  const text = decodeUtf8(bytes);
  if (text === null) return false;
  let control = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 32 && char !== '\n' && char !== '\r' && char !== '\t' && char !== '\f') control += 1;
  }
  return control <= text.length * 0.02;
}

/** Strict UTF-8 decoding that tolerates a character split by the read cap; `null` when not UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= Math.min(3, bytes.length); cut += 1) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      // try without the last byte(s): they may be the start of a character the cap split
    }
  }
  return null;
}
