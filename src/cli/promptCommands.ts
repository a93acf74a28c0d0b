import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { UserInputError } from '../core/coreContext';
import { createManualSession, currentSession, sessionResults } from '../core/evolution/abSession';
import { promoteVariant } from '../core/evolution/abVoting';
import { rollback } from '../core/evolution/promotion';
import { promptHistory } from '../core/evolution/promptHistory';
import { skillStats } from '../core/evolution/skillStats';
import { nextComparison } from '../core/runner/nextComparison';
import { checkTemplateFileSize, templateFromBytes } from '../core/runner/templateText';
import { CliError, type CliIo, type GlobalOptions, withCore } from './cliRuntime';
import { emit } from './emit';
import { renderHistory, renderResults, renderStats } from './promptViews';

type JsonFlag = { json?: boolean };

function readVariantFile(letter: string, file: string): string {
  const label = `variant ${letter}: ${file}`;
  try {
    checkTemplateFileSize(statSync(file).size, label);
    return templateFromBytes(readFileSync(file), label);
  } catch (error) {
    if (error instanceof UserInputError) throw new CliError(error.message);
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new CliError(`variant ${letter}: cannot read ${file} (${code})`);
  }
}

function parseVersion(text: string): number {
  const version = Number(text.replace(/^v/i, ''));
  if (!Number.isInteger(version) || version < 1)
    throw new CliError(`"${text}" is not a prompt version (e.g. 2 or v2)`);
  return version;
}

/** Registers `prompt …` and returns the `prompt` command so other modules can add subcommands. */
export function registerPromptCommands(program: Command, io: CliIo, globals: () => GlobalOptions): Command {
  const prompt = program.command('prompt').description('inspect and steer prompt evolution');

  prompt
    .command('stats <skill>')
    .description('accuracy, active version, status and recent failures of a skill')
    .option('--json', 'print one JSON document')
    .action((skill: string, options: JsonFlag) => {
      withCore(globals(), io, 'read', (ctx) => {
        const stats = skillStats(ctx, skill);
        emit(io, options.json ?? globals().json, stats, () => renderStats(stats));
      });
    });

  const create = prompt
    .command('create <skill>')
    .description('start an A/B test of hand-written variants against the current prompt')
    .option('--json', 'print one JSON document');
  for (const letter of ['a', 'b', 'c', 'd', 'e']) {
    create.option(`--variant-${letter} <file>`, `prompt template for variant ${letter.toUpperCase()}`);
  }
  create.action((skill: string, options: JsonFlag & Record<string, string | undefined>) => {
    const files = ['a', 'b', 'c', 'd', 'e'].flatMap((letter) => {
      const file = options[`variant${letter.toUpperCase()}`];
      return file ? [{ letter: letter.toUpperCase(), file }] : [];
    });
    if (files.length === 0) throw new CliError('give at least --variant-a <file>');
    const expected = ['A', 'B', 'C', 'D', 'E'].slice(0, files.length);
    if (files.some((f, i) => f.letter !== expected[i])) {
      throw new CliError('variants must be given in order: --variant-a, then --variant-b, …');
    }
    const templates = files.map((f) => readVariantFile(f.letter, f.file));
    withCore(globals(), io, 'write', (ctx) => {
      const { session, arms } = createManualSession(ctx, skill, templates);
      emit(io, options.json ?? globals().json, { session: session.id, skill: session.skill, arms }, () =>
        [
          `Started A/B session ${session.id} for ${skill}: ${arms.join(', ')}.`,
          `Record comparisons with: tinyarms vote ${session.id} --shown <arms> --chosen <arm|skip>`,
        ].join('\n'),
      );
    });
  });

  prompt
    .command('results <skill>')
    .description("the A/B test's arms with votes, posterior mean and P(best)")
    .option('--json', 'print one JSON document')
    .action((skill: string, options: JsonFlag) => {
      withCore(globals(), io, 'read', (ctx) => {
        const session = currentSession(ctx, skill);
        if (!session) {
          emit(
            io,
            options.json ?? globals().json,
            { session: null, skill },
            () => `${skill} has no A/B session yet.`,
          );
          return;
        }
        const results = sessionResults(ctx, session.id);
        const data = {
          session: session.id,
          skill,
          status: session.status,
          votes: results.votes,
          maxVotes: results.maxVotes,
          leader: results.leader,
          arms: results.arms,
          decision: results.decision,
          promotedVersion: session.promotedVersion,
        };
        emit(io, options.json ?? globals().json, data, () => renderResults(results));
      });
    });

  prompt
    .command('next <skill>')
    .description('the arms to show in the next comparison, as the allocator picks them now')
    .option('--json', 'print one JSON document')
    .action((skill: string, options: JsonFlag) => {
      withCore(globals(), io, 'read', (ctx) => {
        const next = nextComparison(ctx, skill);
        emit(
          io,
          options.json ?? globals().json,
          { session: next?.session.id ?? null, shown: next?.shown ?? [] },
          () =>
            next
              ? `Show ${next.shown.join(', ')} (session ${next.session.id})`
              : `${skill} has no A/B test running.`,
        );
      });
    });

  prompt
    .command('promote <skill> <variant>')
    .description('make a variant (letter or id) of the latest session the active prompt')
    .option('--json', 'print one JSON document')
    .action((skill: string, variant: string, options: JsonFlag) => {
      withCore(globals(), io, 'write', (ctx) => {
        const { session, version } = promoteVariant(ctx, skill, variant);
        emit(
          io,
          options.json ?? globals().json,
          { skill, session: session.id, version: version.version, source: version.source },
          () =>
            `${skill} now runs v${version.version} (variant ${variant.toUpperCase()} of session ${session.id}).`,
        );
      });
    });

  prompt
    .command('rollback <skill>')
    .description('restore the previous prompt version (or --to <version>) as a new version')
    .option('--to <version>', 'the version to restore')
    .option('--json', 'print one JSON document')
    .action((skill: string, options: JsonFlag & { to?: string }) => {
      const toVersion = options.to === undefined ? undefined : parseVersion(options.to);
      withCore(globals(), io, 'write', (ctx) => {
        const result = rollback(ctx, skill, { toVersion });
        emit(
          io,
          options.json ?? globals().json,
          { skill, from: result.from, restored: result.restored, version: result.version.version },
          () =>
            `${skill}: rolled back from v${result.from} to v${result.restored}'s prompt (now v${result.version.version}).`,
        );
      });
    });

  prompt
    .command('history <skill>')
    .description('every prompt version with its source, dates, accuracy and the votes behind it')
    .option('--json', 'print one JSON document')
    .action((skill: string, options: JsonFlag) => {
      withCore(globals(), io, 'read', (ctx) => {
        const history = promptHistory(ctx, skill);
        const data = {
          skill: history.skill,
          active: history.active,
          versions: history.versions.map((v) => ({
            version: v.version,
            source: v.source,
            parentVersion: v.parentVersion,
            createdAt: v.createdAt,
            activeFrom: v.activeFrom,
            activeTo: v.activeTo,
            accuracy: v.accuracy,
            accuracyStart: v.accuracyStart,
            accuracyEnd: v.accuracyEnd,
            session: v.session,
            examples: v.examplePolicy,
            votes: v.promotedBy?.votes ?? null,
            decision: v.promotedBy?.session.decisionReason ?? null,
            notes: v.notes,
          })),
          sessions: history.sessions.map((s) => ({
            session: s.session.id,
            status: s.session.status,
            trigger: s.session.trigger,
            startedAt: s.session.startedAt,
            completedAt: s.session.completedAt,
            winner: s.session.winner,
            reason: s.session.decisionReason,
            votes: s.votes,
            skips: s.skips,
            variants: s.variants.map((v) => ({
              arm: v.letter,
              id: v.id,
              operator: v.operator,
              status: v.status,
              examples: v.examplePolicy,
            })),
          })),
        };
        emit(io, options.json ?? globals().json, data, () => renderHistory(history));
      });
    });
  return prompt;
}
