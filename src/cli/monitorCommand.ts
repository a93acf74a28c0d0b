import type { Command } from 'commander';
import { judgeScreen } from '../core/evolution/judgeScreen';
import { runMonitor } from '../core/evolution/runMonitor';
import { type DueEvolution, startDueEvolutions } from '../core/evolution/startDueEvolutions';
import { openLanguageModel } from '../core/llm/openLanguageModel';
import { environmentSecretStore } from '../core/secrets/environmentSecretStore';
import type { CliIo, GlobalOptions } from './cliRuntime';
import { withCore } from './cliRuntime';
import { emit } from './emit';

export function registerMonitorCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('monitor')
    .description(
      'run the accuracy monitor now: close expired A/B tests, roll back, and breed variants for skills that are due',
    )
    .option('--no-evolve', 'only report which skills are due; do not start or resume evolution')
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean; evolve: boolean }) => {
      await withCore(globals(), io, 'write', async (ctx) => {
        const report = runMonitor(ctx);
        const due =
          report.triggers.some((t) => t.trigger) ||
          ctx.store.sessions.sessionsInStatus('breeding').length > 0;
        let evolutions: DueEvolution[] = [];
        if (options.evolve && due) {
          // Loads nothing unless something is due.
          const override = globals().model ?? (io.env.TINYARMS_MODEL || undefined);
          const model = openLanguageModel({ config: ctx.config, dataDir: ctx.dataDir, override });
          try {
            evolutions = await startDueEvolutions(ctx, model, {
              report,
              screen: (skill) => judgeScreen(ctx, skill, model, environmentSecretStore(io.env)),
            });
          } finally {
            await model.dispose();
          }
        }
        emit(io, options.json ?? globals().json, { ...report, evolutions }, () =>
          [
            ...report.decisions.map((d) => `${d.skill}: session ${d.session} closed — ${d.decision.reason}`),
            ...report.rollbacks.map(
              (r) => `${r.skill}: rolled back to v${r.restored}'s prompt — ${r.reason}`,
            ),
            ...report.triggers.map(
              (t) => `${t.skill}: ${t.trigger ? 'evolution due' : 'no evolution'} — ${t.reason}`,
            ),
            ...evolutions.map((e) =>
              e.error
                ? `${e.skill}: evolution failed — ${e.error}`
                : `${e.skill}: evolution ${e.reason}; A/B session ${e.result?.session.id} is testing ${e.result?.variants.length} variants`,
            ),
          ].join('\n'),
        );
      });
    });
}
