import type { Command } from 'commander';
import { sessionResults } from '../core/evolution/abSession';
import { recordVote } from '../core/evolution/abVoting';
import { parseArm, parseArmList } from './armNames';
import type { CliIo, GlobalOptions } from './cliRuntime';
import { withCore } from './cliRuntime';
import { emit } from './emit';
import { fixed } from './humanFormat';

export function registerVoteCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('vote <session>')
    .description('record one A/B comparison: which of the shown outputs was best (or skip)')
    .requiredOption('--shown <arms>', 'the arms that were shown, e.g. original,A,C')
    .requiredOption('--chosen <arm>', 'the arm picked, or skip')
    .option('--task <task>', 'the task the comparison was made on')
    .option('--key <key>', 'idempotency key: retrying with the same key records the vote once')
    .option('--json', 'print one JSON document')
    .action(
      (
        sessionId: string,
        options: { shown: string; chosen: string; task?: string; key?: string; json?: boolean },
      ) => {
        const shown = parseArmList(options.shown);
        const chosen = options.chosen.trim().toLowerCase() === 'skip' ? null : parseArm(options.chosen);
        withCore(globals(), io, 'write', (ctx) => {
          const outcome = recordVote(ctx, {
            session: sessionId,
            shown,
            chosen,
            task: options.task ?? null,
            ...(options.key ? { key: options.key } : {}),
          });
          const results = sessionResults(ctx, sessionId);
          const data = {
            vote: outcome.vote.id,
            recorded: outcome.recorded,
            votes: outcome.votes,
            status: outcome.session.status,
            decision: outcome.decision,
            promotedVersion: outcome.promoted?.version ?? null,
            arms: results.arms.map(({ arm, wins, losses, mean, pBest }) => ({
              arm,
              wins,
              losses,
              mean,
              pBest,
            })),
          };
          emit(io, options.json ?? globals().json, data, () => {
            const what =
              chosen === null ? 'skip' : `${chosen} over ${shown.filter((a) => a !== chosen).join(', ')}`;
            const lines = [
              `${outcome.recorded ? 'Recorded' : 'Already recorded'} ${what} — ${outcome.votes}/${results.maxVotes} votes.`,
              `  ${results.arms.map((a) => `${a.arm} ${fixed(a.pBest, 3)}`).join('  ')}  (P(best))`,
            ];
            if (outcome.decision) lines.push(`Decision: ${outcome.decision.reason}`);
            if (outcome.promoted)
              lines.push(`${outcome.session.skill} now runs v${outcome.promoted.version}.`);
            return lines.join('\n');
          });
        });
      },
    );
}
