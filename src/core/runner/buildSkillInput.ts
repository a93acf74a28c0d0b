import { extname } from 'node:path';
import type { Clock } from '../clock';
import { UserInputError } from '../coreContext';
import type {
  AudioActionsInput,
  CodeLintingInput,
  FileNamingInput,
  MarkdownAnalysisInput,
  SkillId,
} from '../skills';
import { lastMarkdownVersion, rememberMarkdownVersion } from './markdownVersions';
import { decodeUtf8, type InputSource, isLikelyText, readInputSource } from './readInputSource';
import { sniffBinary } from './sniffBinary';

/** File naming reads only this much of a file: enough for an excerpt, never the whole video. */
export const FILE_HEAD_BYTES = 4096;
/** Text inputs (code, markdown, transcripts) are cut here; the skills' formatters show far less. */
export const TEXT_INPUT_MAX_BYTES = 256 * 1024;

export interface BuildInputOptions {
  /** A path, or `-` for standard input. */
  target: string;
  dataDir: string;
  /** Audio actions resolve "tomorrow" against the clock's local date. */
  clock: Clock;
  /** Markdown analysis: the earlier version to compare with. */
  previous?: string | undefined;
  /** Name of the content read from standard input (file naming; code language from its extension). */
  name?: string | undefined;
  /** Code linting: the language, when the extension does not say it. */
  language?: string | undefined;
  /** @default process.cwd() */
  cwd?: string;
  /** @default process.stdin */
  stdin?: AsyncIterable<Buffer | string>;
}

export interface BuiltInput {
  input: FileNamingInput | CodeLintingInput | MarkdownAnalysisInput | AudioActionsInput;
  /** Where the input came from (`null`: standard input). */
  path: string | null;
  /** Call once the task is recorded: markdown keeps the analysed version for the next run. */
  afterRecorded(): void;
}

const nothing = () => {};

/**
 * Builds a skill's task input from a file or standard input: file naming from the file's name, size,
 * dates and (text files only) an excerpt; code linting from a source file; markdown analysis from a
 * file and its previous version (`previous`, else the version kept by the last analysis of the same
 * path, else empty); audio actions from a transcript and today's date.
 *
 * @throws UserInputError for a missing file, or a binary file where a skill needs text.
 */
export async function buildSkillInput(skill: SkillId, options: BuildInputOptions): Promise<BuiltInput> {
  const read = (target: string, maxBytes: number) =>
    readInputSource(target, {
      maxBytes,
      ...(options.name ? { name: options.name } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.stdin ? { stdin: options.stdin } : {}),
    });
  switch (skill) {
    case 'file-naming': {
      const source = await read(options.target, FILE_HEAD_BYTES);
      return { input: fileNamingInput(source), path: source.path, afterRecorded: nothing };
    }
    case 'code-linting': {
      const source = await read(options.target, TEXT_INPUT_MAX_BYTES);
      const language = options.language ?? languageOf(source.name);
      const input: CodeLintingInput = {
        code: requireText(source, skill),
        language,
        ...(source.path ? { path: source.name } : {}),
      };
      return { input, path: source.path, afterRecorded: nothing };
    }
    case 'markdown-analysis': {
      const source = await read(options.target, TEXT_INPUT_MAX_BYTES);
      const current = requireText(source, skill);
      const previous =
        options.previous !== undefined
          ? requireText(await read(options.previous, TEXT_INPUT_MAX_BYTES), skill)
          : source.path
            ? (lastMarkdownVersion(options.dataDir, source.path) ?? '')
            : '';
      const path = source.path;
      return {
        input: { previous, current, ...(path ? { path: source.name } : {}) },
        path,
        afterRecorded: path ? () => rememberMarkdownVersion(options.dataDir, path, current) : nothing,
      };
    }
    case 'audio-actions': {
      const source = await read(options.target, TEXT_INPUT_MAX_BYTES);
      const transcript = requireText(source, skill).trim();
      if (transcript === '') throw new UserInputError(`${describe(source)} is empty: nothing to transcribe`);
      return {
        input: { transcript, today: localDate(options.clock.now()) },
        path: source.path,
        afterRecorded: nothing,
      };
    }
    default:
      return skill satisfies never;
  }
}

/** Name, extension, size and dates; an excerpt only when the first bytes are text. */
export function fileNamingInput(source: InputSource): FileNamingInput {
  const extension = extname(source.name).slice(1).toLowerCase();
  const text = isLikelyText(source.head) ? decodeUtf8(source.head) : null;
  const metadata = text === null ? sniffBinary(source.head) : {};
  return {
    originalName: source.name,
    extension,
    sizeBytes: source.sizeBytes,
    ...(source.createdAt ? { createdAt: source.createdAt.toISOString() } : {}),
    ...(source.modifiedAt ? { modifiedAt: source.modifiedAt.toISOString() } : {}),
    ...(text !== null && text.trim() !== '' ? { excerpt: text } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  swift: 'swift',
  m: 'objective-c',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  css: 'css',
  scss: 'scss',
  html: 'html',
  vue: 'vue',
  svelte: 'svelte',
  sql: 'sql',
  lua: 'lua',
  dart: 'dart',
};

/** The language a file name's extension implies; the bare extension (or `text`) when unknown. */
export function languageOf(name: string): string {
  const extension = extname(name).slice(1).toLowerCase();
  return LANGUAGES[extension] ?? (extension || 'text');
}

/** `YYYY-MM-DD` of an instant in the machine's time zone: "tomorrow" means the user's tomorrow. */
export function localDate(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

function describe(source: InputSource): string {
  return source.path ?? 'standard input';
}

function requireText(source: InputSource, skill: SkillId): string {
  const text = isLikelyText(source.head) ? decodeUtf8(source.head) : null;
  if (text === null) throw new UserInputError(`${describe(source)} is not a text file; ${skill} needs text`);
  return text;
}
