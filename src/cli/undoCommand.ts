import type { Command } from 'commander';
import { undoRename } from '../core/suggestions/undoRename';
import { type CliIo, type GlobalOptions, withCore } from './cliRuntime';
import { emit } from './emit';

export function registerUndoCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('undo <task>')
    .description('give a file tinyArms renamed its old name back (within 24 hours); counts as a rejection')
    .option('--json', 'print one JSON document')
    .action((task: string, options: { json?: boolean }) => {
      withCore(globals(), io, 'write', (ctx) => {
        const undone = undoRename(ctx, task);
        emit(io, options.json ?? globals().json, undone, () => undone.message);
      });
    });
}
