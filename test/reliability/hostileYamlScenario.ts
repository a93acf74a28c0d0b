import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config/loadConfig';
import { dumpDatabase } from '../support/dumpDatabase';
import { createOneVariantSession } from '../support/runTinyarms';
import { type HostileYamlCase, hostileYamlCorpus } from './hostileYamlCorpus';
import { type ReliabilityRow, runTinyarmsTimed, type TimedRun } from './reliabilityRow';

/** Commands that must answer on any config, with one warning line. */
export const READ_COMMANDS: readonly (readonly string[])[] = [
  ['prompt', 'stats', 'file-naming'],
  ['suggestions', '--json'],
  ['prompt', 'history', 'file-naming'],
];

/** Commands that must refuse on a bad config, in one line, changing nothing. */
export function writeCommands(session: string): (readonly string[])[] {
  return [
    ['vote', session, '--shown', 'original,A', '--chosen', 'A'],
    ['feedback', 't-missing', '--accept'],
  ];
}

/** A data folder with a one-variant A/B session, shared by the cases of a run (each rewrites the config). */
export interface YamlHome {
  home: string;
  dataDir: string;
  session: string;
  remove(): void;
}

export function makeYamlHome(): YamlHome {
  const home = mkdtempSync(join(tmpdir(), 'tinyarms-hostile-yaml-'));
  const { dataDir, session } = createOneVariantSession(home);
  return { home, dataDir, session, remove: () => rmSync(home, { recursive: true, force: true }) };
}

export interface CaseResult {
  reads: TimedRun[];
  writes: TimedRun[];
  /** Every table's rows before and after the write commands, as `dumpDatabase` gives them. */
  databaseBefore: Record<string, unknown[]>;
  databaseAfter: Record<string, unknown[]>;
  /** The config's bytes (or `null` for a directory) before and after all commands. */
  configBefore: Buffer | null;
  configAfter: Buffer | null;
}

function configBytes(path: string): Buffer | null {
  return statSync(path).isDirectory() ? null : readFileSync(path);
}

/**
 * Writes the case's config into `home`'s data folder, then runs the read commands and the write
 * commands (`reads`/`writes` pick which, by index; all by default) through the real binary.
 */
export async function runHostileCase(
  hostile: HostileYamlCase,
  home: YamlHome,
  pick: { reads?: readonly number[]; writes?: readonly number[] } = {},
): Promise<CaseResult> {
  const config = join(home.dataDir, 'config.yaml');
  hostile.write(config);
  const configBefore = configBytes(config);
  const withDir = (args: readonly string[]) => ['--data-dir', home.dataDir, ...args];
  const reads: TimedRun[] = [];
  for (const index of pick.reads ?? READ_COMMANDS.keys()) {
    reads.push(await runTinyarmsTimed(withDir(READ_COMMANDS[index] as readonly string[])));
  }
  const databaseBefore = dumpDatabase(home.dataDir);
  const writes: TimedRun[] = [];
  const all = writeCommands(home.session);
  for (const index of pick.writes ?? all.keys()) {
    writes.push(await runTinyarmsTimed(withDir(all[index] as readonly string[])));
  }
  return {
    reads,
    writes,
    databaseBefore,
    databaseAfter: dumpDatabase(home.dataDir),
    configBefore,
    configAfter: configBytes(config),
  };
}

const lines = (text: string) => text.trimEnd().split('\n');

/**
 * What is wrong with a case's result, by the suite's rules; empty when it behaved. Reads: exit 0,
 * exactly one stderr line, a `warning:` naming the file and the key or reason. Writes: exit 1, one
 * line naming the same, nothing on stdout, the database unchanged. The config is never rewritten.
 */
export function caseProblems(hostile: HostileYamlCase, dataDir: string, result: CaseResult): string[] {
  const problems: string[] = [];
  const file = join(dataDir, 'config.yaml');
  for (const run of result.reads) {
    const what = run.args.slice(2).join(' ');
    if (run.code !== 0) problems.push(`${what} exited ${run.code ?? run.signal}: ${lines(run.stderr)[0]}`);
    const warning = lines(run.stderr);
    if (warning.length !== 1) problems.push(`${what} wrote ${warning.length} stderr lines`);
    if (!warning[0]?.startsWith(`warning: ${file}`)) problems.push(`${what} did not warn about ${file}`);
    if (!hostile.names.test(warning[0] ?? '')) problems.push(`${what} did not name ${hostile.names}`);
  }
  for (const run of result.writes) {
    const what = run.args.slice(2, 3).join(' ');
    if (run.code !== 1) problems.push(`${what} exited ${run.code ?? run.signal}, not 1`);
    if (run.stdout !== '') problems.push(`${what} printed to stdout`);
    const error = lines(run.stderr);
    if (error.length !== 1) problems.push(`${what} wrote ${error.length} stderr lines`);
    if (!error[0]?.includes(file) || !hostile.names.test(error[0] ?? ''))
      problems.push(`${what} did not name ${file} and ${hostile.names}: ${error[0]?.slice(0, 200)}`);
    if (!/nothing was changed$/.test(error[0] ?? '')) problems.push(`${what} did not say nothing changed`);
  }
  if (JSON.stringify(result.databaseAfter) !== JSON.stringify(result.databaseBefore))
    problems.push('a write command changed the database');
  const same =
    result.configBefore === null
      ? result.configAfter === null
      : result.configAfter !== null && result.configBefore.equals(result.configAfter);
  if (!same) problems.push('config.yaml was changed');
  return problems;
}

/**
 * The hostile-YAML figures: every corpus case against every read and write command, with the
 * slowest command's wall time (the target: every command answers within a second) and the
 * in-process cost of `loadConfig` alone (`figures.loadConfigMs`), after a baseline row.
 */
export async function yamlSection(): Promise<ReliabilityRow[]> {
  const home = makeYamlHome();
  try {
    // The floor every case stands on: the same reads with no config.yaml (process start-up included).
    const baseline = [];
    for (const args of READ_COMMANDS)
      baseline.push(await runTinyarmsTimed(['--data-dir', home.dataDir, ...args]));
    const rows: ReliabilityRow[] = [
      {
        section: 'hostile YAML',
        scenario: 'baseline: no config.yaml',
        ok: baseline.every((run) => run.code === 0 && run.stderr === ''),
        outcome: 'reads answer without a warning',
        maxMs: Math.max(...baseline.map((run) => run.ms)),
        figures: { commands: baseline.length, loadConfigMs: 0 },
      },
    ];
    for (const hostile of hostileYamlCorpus) {
      const result = await runHostileCase(hostile, home);
      const loadStarted = performance.now();
      loadConfig(home.dataDir);
      const loadConfigMs = performance.now() - loadStarted;
      const problems = caseProblems(hostile, home.dataDir, result);
      const runs = [...result.reads, ...result.writes];
      const warning = lines(result.reads[0]?.stderr ?? '')[0] ?? '';
      rows.push({
        section: 'hostile YAML',
        scenario: hostile.name,
        ok: problems.length === 0,
        outcome:
          problems[0] ??
          warning
            .replace(`${home.dataDir}/`, '')
            .replace(/^warning: /, '')
            .slice(0, 140),
        maxMs: Math.max(...runs.map((run) => run.ms)),
        figures: { commands: runs.length, loadConfigMs: Math.round(loadConfigMs * 10) / 10 },
      });
    }
    return rows;
  } finally {
    home.remove();
  }
}
