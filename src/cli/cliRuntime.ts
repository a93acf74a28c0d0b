import { homedir } from 'node:os';
import { ConfigError, resolveDataDir } from '../core/config';
import type { CoreContext } from '../core/coreContext';
import { UserInputError } from '../core/coreContext';
import { openCore } from '../core/openCore';
import { CorruptDatabaseError } from '../core/store/openDatabase';
import { userInputWording } from './userInputWording';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  /** Model manifest id or .gguf path; falls back to TINYARMS_MODEL, then config `model.name`. */
  model?: string;
}

/** What a command may do: reads run on a broken config (with a warning), writes refuse to. */
export type Access = 'read' | 'write';

/** Terminal I/O, injectable so tests can capture it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** An error already worded for the user; the CLI prints it as one line and exits 1. */
export class CliError extends Error {}

export function dataDirFor(options: GlobalOptions, io: CliIo): string {
  return resolveDataDir({
    ...(options.dataDir !== undefined ? { flag: options.dataDir } : {}),
    env: io.env,
    platform: process.platform,
    home: homedir(),
    cwd: process.cwd(),
  });
}

/** Opens the shared data folder for one command and closes it afterwards, whatever happens. */
export function withCore<T>(
  options: GlobalOptions,
  io: CliIo,
  access: Access,
  work: (ctx: CoreContext) => T,
): T {
  const opened = openCore({ dataDir: dataDirFor(options, io), access });
  let result: T;
  try {
    if (opened.readOnly)
      io.stderr(`warning: ${opened.ctx.dataDir} is read-only: showing what it holds, nothing is updated\n`);
    if (opened.configError) {
      if (access === 'write') {
        const { file, issues } = opened.configError;
        throw new CliError(`${new ConfigError(file, issues).message}; fix the file, nothing was changed`);
      }
      io.stderr(`warning: ${opened.configError.message}\n`);
    }
    result = work(opened.ctx);
  } catch (error) {
    opened.close();
    throw error;
  }
  // Async work (model runs) keeps the database open until it settles.
  if (result instanceof Promise) return result.finally(() => opened.close()) as T;
  opened.close();
  return result;
}

/** One line for any failure; the full stack only with TINYARMS_DEBUG=1. */
export function describeFailure(error: unknown, io: CliIo): string {
  if (io.env.TINYARMS_DEBUG === '1' && error instanceof Error && error.stack) return error.stack;
  if (error instanceof UserInputError) return firstLine(userInputWording(error));
  if (error instanceof CliError || error instanceof ConfigError || error instanceof CorruptDatabaseError) {
    return firstLine(error.message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY')
    return 'the database is busy (another tinyArms process holds the write lock); try again';
  if (error instanceof Error) return firstLine(error.message);
  return String(error);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
