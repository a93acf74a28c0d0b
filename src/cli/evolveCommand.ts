import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { BreederProgress } from '../core/breeder/promptBreeder';
import { ConfigError } from '../core/config';
import type { CoreContext } from '../core/coreContext';
import { type EvolveResult, evolveSkill } from '../core/evolution/evolveSkill';
import { judgeScreen } from '../core/evolution/judgeScreen';
import type { LanguageModel } from '../core/llm/languageModel';
import { openLanguageModel } from '../core/llm/openLanguageModel';
import { openCore } from '../core/openCore';
import { environmentSecretStore } from '../core/secrets/environmentSecretStore';
import { CliError, type CliIo, dataDirFor, type GlobalOptions } from './cliRuntime';
import { emit } from './emit';
import { onInterrupt } from './interrupts';

interface EvolveFlags {
  variants?: string;
  budgetCalls?: string;
  json?: boolean;
}

/** What tests may swap; the CLI uses the defaults. */
export interface EvolveCommandDeps {
  /** @default `openLanguageModel` with `--model`, else `$TINYARMS_MODEL`, else config `model.name` */
  openModel?: (
    ctx: CoreContext,
    override: string | undefined,
  ) => { model: LanguageModel; release(): Promise<void> };
}

function positiveInt(
  flag: string,
  text: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CliError(
      `${flag} must be a whole number from 1 to ${max === Number.MAX_SAFE_INTEGER ? '…' : max}, got "${text}"`,
    );
  }
  return value;
}

const PHASE_LABEL: Record<BreederProgress['phase'], string> = {
  initial: 'seeding',
  tournament: 'breeding',
  final: 'final test',
};

/** A progress bar on a terminal; nothing when stderr is piped (logs and tests stay clean). */
function progressBar(): { update(p: BreederProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format:
        '{phase} |{bar}| {percentage}% · gen {generation}/{generations} · {calls}/{maxCalls} calls · {cacheHits} cached',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(100, 0, { phase: 'seeding', generation: 0, generations: 0, calls: 0, maxCalls: 0, cacheHits: 0 });
  return {
    update: (p) => bar.update(Math.round(p.fraction * 100), { ...p, phase: PHASE_LABEL[p.phase] }),
    stop: () => bar.stop(),
  };
}

function toJson(result: EvolveResult) {
  return {
    session: result.session.id,
    status: result.session.status,
    variants: result.variants.map((v) => ({
      arm: v.letter,
      fitness: v.fitness,
      operator: v.operator,
      template: v.template,
      reasoning: v.reasoning,
      mutationPrompt: v.mutationPrompt,
      parent: v.parent,
    })),
    calls: result.calls,
    cacheHits: result.cacheHits,
    wallMs: result.wallMs,
    resumed: result.resumed,
    originalFitness: result.originalFitness,
    stoppedEarly: result.stoppedEarly,
  };
}

function describe(result: EvolveResult): string {
  const lines = [
    `${result.resumed ? 'Resumed and finished' : 'Bred'} ${result.variants.length} variant(s) of ${result.session.skill} in ${(
      result.wallMs / 1000
    ).toFixed(0)} s: ${result.calls} model calls, ${result.cacheHits} cache hits.`,
    ...result.variants.map(
      (v) =>
        `  ${v.letter}  fitness ${v.fitness?.toFixed(2) ?? '—'}  ${v.operator.padEnd(16)} ${v.reasoning ?? ''}`,
    ),
    `A/B session ${result.session.id} is testing original, ${result.variants.map((v) => v.letter).join(', ')}.`,
    `See the next comparison with: tinyarms prompt next ${result.session.skill}`,
  ];
  if (result.stoppedEarly) lines.splice(1, 0, `  (tournament stopped early: ${result.stoppedEarly})`);
  return lines.join('\n');
}

/** `tinyarms prompt evolve <skill>`: breeds variants with the local model and opens their A/B test. */
export function registerEvolveCommand(
  prompt: Command,
  io: CliIo,
  globals: () => GlobalOptions,
  deps: EvolveCommandDeps = {},
): void {
  prompt
    .command('evolve <skill>')
    .description('breed prompt variants from your feedback (PromptBreeder) and start an A/B test of them')
    .option('--variants <n>', 'variants to test (1-5; default: config breeder.variants_per_evolution)')
    .option('--budget-calls <n>', 'most model calls to spend (default: config breeder.max_calls)')
    .option('--json', 'print one JSON document')
    .action(async (skill: string, flags: EvolveFlags) => {
      const variants = positiveInt('--variants', flags.variants, 5);
      const budgetCalls = positiveInt('--budget-calls', flags.budgetCalls);
      const global = globals();
      const opened = openCore({ dataDir: dataDirFor(global, io) });
      const controller = new AbortController();
      const cancel = () => controller.abort(new Error('interrupted'));
      const unregister = onInterrupt(cancel);
      const bar = progressBar();
      try {
        if (opened.configError) {
          const { file, issues } = opened.configError;
          throw new CliError(`${new ConfigError(file, issues).message}; fix the file, nothing was changed`);
        }
        const { ctx } = opened;
        const override = global.model ?? (io.env.TINYARMS_MODEL || undefined);
        const { model, release } = deps.openModel
          ? deps.openModel(ctx, override)
          : (() => {
              const local = openLanguageModel({ config: ctx.config, dataDir: ctx.dataDir, override });
              return { model: local as LanguageModel, release: () => local.dispose() };
            })();
        let result: EvolveResult;
        try {
          result = await evolveSkill(ctx, model, skill, {
            variants,
            budgetCalls,
            signal: controller.signal,
            onProgress: (p) => bar.update(p),
            screen: await judgeScreen(ctx, skill, model, environmentSecretStore(io.env)),
          });
        } finally {
          bar.stop();
          await release();
        }
        emit(io, flags.json ?? global.json, toJson(result), () => describe(result));
      } finally {
        unregister();
        opened.close();
      }
    });
}
