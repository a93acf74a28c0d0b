import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testModelEnv } from '../support/testModel';
import {
  evolveKills,
  feedbackKills,
  type KillOutcome,
  renameKills,
  seedEvolution,
  voteKills,
} from './killRuns';
import { corruptionTrials } from './pageCorruption';
import type { ReliabilityRow } from './reliabilityRow';

/**
 * The kill -9 and page-corruption figures for `bench/reliability.bench.ts`, at the counts the issue
 * asks for (≥ 200 kills in all): `TINYARMS_RELIABILITY_KILLS` per kind of write (default 60), a third
 * of that for evolutions on the real model, `TINYARMS_RELIABILITY_TRIALS` corruption trials (default 30).
 */

function inTempHome<T>(work: (home: string) => Promise<T>): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'tinyarms-reliability-'));
  return work(home).finally(() => rmSync(home, { recursive: true, force: true }));
}

function killRow(outcome: KillOutcome, ms: number): ReliabilityRow {
  const ok =
    outcome.lost === 0 &&
    outcome.integrityFailures === 0 &&
    outcome.inconsistencies === 0 &&
    outcome.problems.length === 0;
  return {
    section: 'kill -9',
    scenario: outcome.kind,
    ok,
    outcome: ok
      ? `${outcome.acknowledged} acknowledged, none lost, integrity ok after every kill`
      : outcome.problems.slice(0, 3).join('; ') || 'writes lost or files inconsistent',
    maxMs: null,
    figures: {
      kills: outcome.kills,
      acknowledged: outcome.acknowledged,
      lost: outcome.lost,
      integrityFailures: outcome.integrityFailures,
      inconsistencies: outcome.inconsistencies,
      seconds: Math.round(ms / 1000),
    },
  };
}

export async function killSection(): Promise<ReliabilityRow[]> {
  const kills = Number(process.env.TINYARMS_RELIABILITY_KILLS ?? 60);
  const rows: ReliabilityRow[] = [];
  const kinds = [
    (home: string) => voteKills(home, kills, 101),
    (home: string) => feedbackKills(home, kills, 102),
    (home: string) => renameKills(home, kills, 103),
    async (home: string) =>
      evolveKills(home, Math.max(1, Math.round(kills / 3)), 104, await testModelEnv(), seedEvolution),
  ];
  for (const run of kinds) {
    const started = performance.now();
    const outcome = await inTempHome(run);
    rows.push(killRow(outcome, performance.now() - started));
    process.stderr.write(`  ${outcome.kind}: ${outcome.kills} kills\n`);
  }
  return rows;
}

export async function corruptionSection(): Promise<ReliabilityRow[]> {
  const trials = Number(process.env.TINYARMS_RELIABILITY_TRIALS ?? 30);
  const started = performance.now();
  const outcome = corruptionTrials(trials, 201);
  const ok = outcome.missingRows === 0 && outcome.integrityFailures === 0 && outcome.problems.length === 0;
  return [
    {
      section: 'page corruption',
      scenario: `${trials} databases, 3 random pages each overwritten`,
      ok,
      outcome: ok
        ? `all ${outcome.readableRows} readable rows recovered, integrity ok`
        : outcome.problems.slice(0, 3).join('; '),
      maxMs: null,
      figures: {
        trials: outcome.trials,
        pagesOverwritten: outcome.pagesOverwritten,
        recovered: outcome.recovered,
        rowsAfterBackup: outcome.rowsAfterBackup,
        readableRows: outcome.readableRows,
        missingRows: outcome.missingRows,
        integrityFailures: outcome.integrityFailures,
        seconds: Math.round((performance.now() - started) / 1000),
      },
    },
  ];
}
