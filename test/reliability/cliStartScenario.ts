import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneVariantSession } from '../support/runTinyarms';
import { type ReliabilityRow, runTinyarmsTimed } from './reliabilityRow';

/** Read commands that never run the model: each must answer within a second, start-up included. */
const READS: readonly (readonly string[])[] = [
  ['prompt', 'stats', 'file-naming'],
  ['prompt', 'history', 'file-naming'],
  ['prompt', 'results', 'file-naming'],
  ['suggestions'],
  ['model', 'status'],
];

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;

/**
 * Wall time of read commands through the real binary, over a data folder with one A/B session:
 * `runs` runs of each, one at a time (a parallel run would measure the machine, not the command).
 */
export async function cliStartSection(runs = 11): Promise<ReliabilityRow[]> {
  const home = mkdtempSync(join(tmpdir(), 'tinyarms-bench-'));
  try {
    const { dataDir } = createOneVariantSession(home);
    const rows: ReliabilityRow[] = [];
    for (const command of READS) {
      const times: number[] = [];
      const failures: string[] = [];
      for (let run = 0; run < runs; run++) {
        const result = await runTinyarmsTimed(['--data-dir', dataDir, ...command, '--json']);
        times.push(result.ms);
        if (result.code !== 0) failures.push(result.stderr.trim().split('\n')[0] ?? `exit ${result.code}`);
      }
      times.sort((a, b) => a - b);
      const medianMs = Math.round(quantile(times, 0.5));
      const p90Ms = Math.round(quantile(times, 0.9));
      rows.push({
        section: 'cliStart',
        scenario: `tinyarms ${command.join(' ')}`,
        ok: failures.length === 0,
        outcome: failures[0] ?? `answered ${runs}/${runs} times; median ${medianMs} ms, p90 ${p90Ms} ms`,
        maxMs: times.at(-1) ?? null,
        figures: { runs, medianMs, p90Ms },
      });
    }
    return rows;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
