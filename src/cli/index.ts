import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { type CliIo, describeFailure, type GlobalOptions, processIo } from './cliRuntime';
import { registerEvolveCommand } from './evolveCommand';
import { registerFeedbackCommand } from './feedbackCommand';
import { registerModelCommands } from './modelCommands';
import { registerMonitorCommand } from './monitorCommand';
import { registerPromptCommands } from './promptCommands';
import { registerRunCommand } from './runCommand';
import { registerSuggestionsCommand } from './suggestionsCommand';
import { registerUndoCommand } from './undoCommand';
import { registerVoteCommand } from './voteCommand';
import { registerWatchCommand } from './watchCommand';

/** Builds the `tinyarms` command tree over the given terminal. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('tinyarms')
    .description('tinyArms: local AI skills whose prompts improve from your feedback')
    .version(packageJson.version)
    .option('--data-dir <dir>', 'data folder (default: $TINYARMS_HOME, else the OS app-data folder)')
    .option('--json', 'print one JSON document (read commands)')
    .option(
      '--model <name|path>',
      'model manifest id or .gguf path (default: $TINYARMS_MODEL, else config model.name)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();
  const prompt = registerPromptCommands(program, io, globals);
  registerEvolveCommand(prompt, io, globals);
  registerVoteCommand(program, io, globals);
  registerFeedbackCommand(program, io, globals);
  registerMonitorCommand(program, io, globals);
  registerModelCommands(program, io, globals);
  registerRunCommand(program, io, globals);
  registerSuggestionsCommand(program, io, globals);
  registerUndoCommand(program, io, globals);
  registerWatchCommand(program, io, globals);
  return program;
}

/** Runs one invocation; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr(`tinyarms: ${describeFailure(error, io)}\n`);
    return 1;
  }
}
