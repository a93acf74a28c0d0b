import type { Command } from 'commander';
import type { Clock } from '../core/clock';
import { ConfigError } from '../core/config';
import type { CoreContext } from '../core/coreContext';
import type { LanguageModel } from '../core/llm/languageModel';
import { openLanguageModel } from '../core/llm/openLanguageModel';
import { openCore } from '../core/openCore';
import { buildSkillInput } from '../core/runner/buildSkillInput';
import { runSkill, type SkillRunResult } from '../core/runner/runSkill';
import { getSkill } from '../core/skills';
import { CliError, type CliIo, dataDirFor, type GlobalOptions } from './cliRuntime';
import { emit } from './emit';

/** A model for one command; `release` runs when the command is done with it. */
export interface OpenedModel {
  model: LanguageModel;
  release(): Promise<void>;
}

/** What tests (and later the app) may swap; the CLI uses the defaults. */
export interface RunCommandDeps {
  /** @default `openLanguageModel` with `--model`, else `$TINYARMS_MODEL`, else config `model.name` */
  openModel?: (ctx: CoreContext, override: string | undefined) => OpenedModel;
  /** @default process.stdin */
  stdin?: AsyncIterable<Buffer | string>;
  /** @default the system clock */
  clock?: Clock;
}

interface RunOptions {
  previous?: string;
  name?: string;
  language?: string;
  alternatives?: boolean;
  json?: boolean;
}

const defaultOpenModel = (ctx: CoreContext, override: string | undefined): OpenedModel => {
  const model = openLanguageModel({ config: ctx.config, dataDir: ctx.dataDir, override });
  // A CLI process runs one command: free the model now instead of waiting for the idle timer.
  return { model, release: () => model.dispose() };
};

export function registerRunCommand(
  program: Command,
  io: CliIo,
  globals: () => GlobalOptions,
  deps: RunCommandDeps = {},
): void {
  program
    .command('run <skill> <path>')
    .description("run a skill on a file (or '-' for standard input) and propose its result")
    .option('--previous <file>', 'markdown-analysis: the earlier version (default: the last one analysed)')
    .option('--name <name>', "the content's file name when reading standard input")
    .option('--language <language>', 'code-linting: the language, when the extension does not say it')
    .option('--alternatives', 'file-naming: also two other names (each takes about as long as the name)')
    .option('--json', 'print one JSON document')
    .action(async (skillId: string, target: string, options: RunOptions) => {
      const skill = getSkill(skillId);
      const global = globals() as GlobalOptions & { model?: string };
      const dataDir = dataDirFor(global, io);
      const opened = openCore({ dataDir, ...(deps.clock ? { clock: deps.clock } : {}) });
      try {
        if (opened.configError) {
          const { file, issues } = opened.configError;
          throw new CliError(`${new ConfigError(file, issues).message}; fix the file, nothing was run`);
        }
        const { ctx } = opened;
        const built = await buildSkillInput(skill.id, {
          target,
          dataDir,
          clock: ctx.clock,
          previous: options.previous,
          name: options.name,
          language: options.language,
          ...(deps.stdin ? { stdin: deps.stdin } : {}),
        });
        const { model, release } = (deps.openModel ?? defaultOpenModel)(
          ctx,
          global.model ?? (io.env.TINYARMS_MODEL || undefined),
        );
        let result: SkillRunResult;
        try {
          result = await runSkill(ctx, model, skill.id, built.input, {
            source: 'cli',
            alternatives: options.alternatives ?? false,
          });
        } finally {
          await release();
        }
        built.afterRecorded();
        for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
        emit(io, options.json ?? global.json, toJson(result), () => describeRun(result));
      } finally {
        opened.close();
      }
    });
}

/** `tinyarms vote` command answering a comparison; `null` when every shown arm said the same. */
export function voteCommand(result: SkillRunResult): string | null {
  const comparison = result.comparison;
  if (!comparison || comparison.outputs.length < 2) return null;
  const choices = [...comparison.shown, 'skip'].join('|');
  return `tinyarms vote ${comparison.session} --shown ${comparison.shown.join(',')} --task ${result.task} --chosen <${choices}>`;
}

function toJson(result: SkillRunResult) {
  return {
    task: result.task,
    skill: result.skill,
    arm: `v${result.promptVersion}`,
    output: result.output,
    latencyMs: Math.round(result.latencyMs),
    valid: result.valid,
    model: result.model,
    tokens: { prompt: result.promptTokens, completion: result.completionTokens },
    shapedBy: result.shapedBy.map((e) => ({
      task: e.task,
      kind: e.kind,
      label: e.label,
      answeredAt: e.answeredAt.toISOString(),
    })),
    shapedByLine: result.shapedByLine,
    ...(result.comparison
      ? {
          comparison: {
            session: result.comparison.session,
            shown: result.comparison.shown,
            outputs: result.comparison.outputs,
            vote: voteCommand(result),
          },
        }
      : {}),
    warnings: result.warnings,
  };
}

function describeRun(result: SkillRunResult): string {
  const lines = [
    ...getSkill(result.skill).presentation.outputLines(result.output),
    ...(result.valid ? [] : ['  (does not meet the skill’s format rules)']),
    ...(result.shapedByLine ? [`  ${result.shapedByLine}`] : []),
    '',
    `task ${result.task} · ${result.skill} v${result.promptVersion} · ${result.model} · ${(result.latencyMs / 1000).toFixed(1)} s`,
  ];
  const comparison = result.comparison;
  if (comparison) {
    lines.push('', `A/B test ${comparison.session}: which output is best?`);
    comparison.outputs.forEach((group, i) => {
      lines.push(`  ${i + 1}) ${group.arms.join(' = ')}: ${JSON.stringify(group.output)}`);
    });
    const vote = voteCommand(result);
    lines.push(
      vote ? `Answer with: ${vote}` : 'Every shown prompt gave the same output: nothing to compare.',
    );
  }
  lines.push(
    '',
    `Tell tinyArms how it did: tinyarms feedback ${result.task} --accept | --reject | --correct '${correctionExample(result)}'`,
  );
  return lines.join('\n');
}

function correctionExample(result: SkillRunResult): string {
  return getSkill(result.skill).presentation.correctionExample ?? '<corrected output JSON>';
}
