import type { CliIo } from './cliRuntime';

/** Prints one JSON document with `--json`, else the human rendering. */
export function emit(io: CliIo, json: boolean | undefined, data: unknown, human: () => string): void {
  io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}
