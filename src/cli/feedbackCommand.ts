import type { Command } from 'commander';
import { recordFeedback } from '../core/evolution/feedback';
import type { Verdict } from '../core/store/columnValues';
import { CliError, type CliIo, type GlobalOptions, withCore } from './cliRuntime';
import { emit } from './emit';

function parseCorrection(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(
      `--correct takes the corrected output as JSON, e.g. '{"filename": "acme-invoice.pdf"}'`,
    );
  }
}

export function registerFeedbackCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('feedback <task>')
    .description("tell tinyArms whether a task's output was right: accept, reject or correct it")
    .option('--accept', 'the output was right')
    .option('--reject', 'the output was wrong')
    .option('--correct <json>', 'the output was wrong; this is what it should have been')
    .option('--json', 'print one JSON document')
    .action(
      (task: string, options: { accept?: boolean; reject?: boolean; correct?: string; json?: boolean }) => {
        const chosen = [options.accept, options.reject, options.correct !== undefined].filter(Boolean).length;
        if (chosen !== 1) throw new CliError('give exactly one of --accept, --reject or --correct <json>');
        const verdict: Verdict = options.accept ? 'accepted' : options.reject ? 'rejected' : 'corrected';
        const correction = options.correct === undefined ? undefined : parseCorrection(options.correct);
        withCore(globals(), io, 'write', (ctx) => {
          const { feedback, rollback } = recordFeedback(ctx, { task, verdict, correction });
          emit(io, options.json ?? globals().json, { ...feedback, rollback }, () =>
            [
              `Recorded ${feedback.verdict} for ${feedback.task} (${feedback.skill} v${feedback.promptVersion}).`,
              ...(rollback
                ? [
                    `${rollback.skill} rolled back to v${rollback.restored}'s prompt (now v${rollback.version}): ${rollback.reason}`,
                  ]
                : []),
            ].join('\n'),
          );
        });
      },
    );
}
