/**
 * The reliability figures of issue 11: kill -9 at random moments of votes, feedback, renames and
 * evolutions (lost writes, integrity, files against records); random pages of databases overwritten
 * (readable rows recovered); per hostile `config.yaml` of the corpus, the slowest of the
 * five commands the suite runs (three reads, two writes; wall time with process start-up) and what
 * they said; per download round, how the racing `tinyarms model pull` processes ended and how many
 * verified files were left; per read command (cliStart), the median and p90 wall time of 11 runs.
 * The same scenarios as test/reliability/ (the test asserts, this measures).
 * The target: every command answers within a second.
 *
 * Usage: npx tsx bench/reliability.bench.ts [--json] [--only kills,corruption,yaml,downloads,cliStart]
 * Rebuild the CLI first (`npm run build:cli`): the scenarios run bin/tinyarms.js.
 */
import { parseArgs } from 'node:util';
import { cliStartSection } from '../test/reliability/cliStartScenario';
import { downloadSection } from '../test/reliability/concurrentDownloadScenario';
import { corruptionSection, killSection } from '../test/reliability/crashSections';
import { yamlSection } from '../test/reliability/hostileYamlScenario';
import type { ReliabilityRow } from '../test/reliability/reliabilityRow';

/** Every section; a new one is one more entry. */
const SECTIONS: Record<string, () => Promise<ReliabilityRow[]>> = {
  kills: killSection,
  corruption: corruptionSection,
  yaml: yamlSection,
  downloads: downloadSection,
  cliStart: cliStartSection,
};

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const chosen = values.only ? values.only.split(',') : Object.keys(SECTIONS);
const rows: ReliabilityRow[] = [];
for (const name of chosen) {
  const section = SECTIONS[name];
  if (!section) throw new Error(`unknown section ${name}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.stderr.write(`running ${name}…\n`);
  rows.push(...(await section()));
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ rows }, null, 2)}\n`);
} else {
  const ms = (row: ReliabilityRow) => (row.maxMs === null ? '—' : `${Math.round(row.maxMs)}`);
  const table = [
    ['section', 'scenario', 'ok', 'max ms', 'figures', 'outcome'],
    ...rows.map((row) => [
      row.section,
      row.scenario,
      row.ok ? 'yes' : 'NO',
      ms(row),
      Object.entries(row.figures ?? {})
        .map(([key, value]) => `${key}=${value}`)
        .join(' '),
      row.outcome,
    ]),
  ];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...table.map((line) => (line[i] ?? '').length)));
  for (const line of table) {
    process.stdout.write(
      `${line.map((cell, i) => (i < 5 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}\n`,
    );
  }
  const slow = rows.filter(
    (row) =>
      row.section === 'hostile YAML' && !row.scenario.startsWith('baseline') && (row.maxMs ?? 0) > 1000,
  );
  process.stdout.write(
    `\n${rows.filter((r) => r.ok).length}/${rows.length} scenarios behaved; ${slow.length} hostile-YAML cases had a command over 1 s\n`,
  );
}
