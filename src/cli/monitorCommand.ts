import type { Command } from 'commander';
import { judgeScreen } from '../core/evolution/judgeScreen';
import { machineGate, timerSleep } from '../core/evolution/machineGate';
import { runMonitor } from '../core/evolution/runMonitor';
import { type DueEvolution, startDueEvolutions } from '../core/evolution/startDueEvolutions';
import { openLanguageModel } from '../core/llm/openLanguageModel';
import { platformMachineState } from '../core/machine/platformMachineState';
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
    .option(
      '--no-wait',
      'do not wait for an idle Mac on mains power (evolution.wait_for_idle_minutes, require_mains_power): leave a run that must wait for the next monitor',
    )
    .option('--json', 'print one JSON document')
    .action(async (options: { json?: boolean; evolve: boolean; wait: boolean }) => {
      await withCore(globals(), io, 'write', async (ctx) => {
        const report = runMonitor(ctx);
        const due = report.triggers.some((t) => t.trigger) || ctx.store.sessions.interruptedRuns().length > 0;
        let evolutions: DueEvolution[] = [];
        if (options.evolve && due) {
          // Loads nothing unless something is due.
          const override = globals().model ?? (io.env.TINYARMS_MODEL || undefined);
          const model = openLanguageModel({ config: ctx.config, dataDir: ctx.dataDir, override });
          const gate = machineGate({
            machine: platformMachineState(),
            settings: () => ctx.config.evolution,
            sleep: options.wait ? timerSleep() : undefined,
          });
          try {
            evolutions = await startDueEvolutions(ctx, model, {
              report,
              screen: (skill) => judgeScreen(ctx, skill, model, environmentSecretStore(io.env)),
              gate,
              onWaiting: ({ session, reason }) =>
                io.stderr(
                  `${ctx.store.sessions.getSession(session)?.skill ?? session}: waiting: ${reason} (session ${session}; Ctrl-C leaves it for the next monitor)\n`,
                ),
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
                : e.waiting
                  ? `${e.skill}: evolution waiting: ${e.waiting} — the next \`tinyarms monitor\` goes on from where it is`
                  : `${e.skill}: evolution ${e.reason}; A/B session ${e.result?.session.id} is testing ${e.result?.variants.length} variants`,
            ),
          ].join('\n'),
        );
      });
    });
}
