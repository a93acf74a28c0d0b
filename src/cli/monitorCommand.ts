import type { Command } from 'commander';
import { runMonitor } from '../core/evolution/runMonitor';
import type { CliIo, GlobalOptions } from './cliRuntime';
import { withCore } from './cliRuntime';
import { emit } from './emit';

export function registerMonitorCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('monitor')
    .description('run the accuracy monitor now: close expired A/B tests, roll back, report what is due')
    .option('--json', 'print one JSON document')
    .action((options: { json?: boolean }) => {
      withCore(globals(), io, 'write', (ctx) => {
        const report = runMonitor(ctx);
        emit(io, options.json ?? globals().json, report, () =>
          [
            ...report.decisions.map((d) => `${d.skill}: session ${d.session} closed — ${d.decision.reason}`),
            ...report.rollbacks.map(
              (r) => `${r.skill}: rolled back to v${r.restored}'s prompt — ${r.reason}`,
            ),
            ...report.triggers.map(
              (t) => `${t.skill}: ${t.trigger ? 'evolution due' : 'no evolution'} — ${t.reason}`,
            ),
          ].join('\n'),
        );
      });
    });
}
