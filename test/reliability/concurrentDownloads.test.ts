import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testModelEntry, testModelPath } from '../support/testModel';
import {
  downloadRound,
  expectedFiles,
  type SlowMirror,
  serveSlowly,
  startPull,
} from './concurrentDownloadScenario';

/**
 * Issue 11, finding 3: two pulls to one destination once ended "verified" with a file twice the size.
 * Here four real `tinyarms model pull` processes race for the test model (98 MB) from a slow local
 * mirror, with and without SIGKILLs mid-download.
 */
const entry = testModelEntry();
const newDir = makeTempDataDirs();
let mirror: SlowMirror;

beforeAll(async () => {
  mirror = await serveSlowly(await testModelPath());
});
afterAll(async () => {
  await mirror?.close();
});

describe('concurrent model pulls to one data folder', () => {
  it('install exactly one verified file; the others say another download is running', async () => {
    const round = await downloadRound(mirror, newDir(), 4);
    expect(round.outcomes.filter((o) => o === 'installed')).toHaveLength(1);
    // A pull that starts after the winner finished finds the file installed; none fails otherwise.
    expect(round.outcomes.every((o) => ['installed', 'busy', 'already-installed'].includes(o))).toBe(true);
    expect(round.outcomes.filter((o) => o === 'busy').length).toBeGreaterThan(0);
    expect(round.folder.files).toEqual(expectedFiles());
    expect(round.folder.installedSha256).toBe(entry.sha256);
    expect(round.folder.markerConsistent).toBe(true);
  });

  it('after pulls are SIGKILLed mid-download, racing pulls resume it into one verified file', async () => {
    const dataDir = newDir();
    const round = await downloadRound(mirror, dataDir, 4, 20_000_000);
    expect(round.partAtKill).toBeGreaterThanOrEqual(20_000_000);
    expect(round.partAtKill).toBeLessThan(entry.sizeBytes ?? 0);
    expect(round.killed).toBeGreaterThanOrEqual(1);
    const after = round.outcomes.slice(4);
    expect(after.filter((o) => o === 'installed')).toHaveLength(1);
    expect(after.every((o) => ['installed', 'busy', 'already-installed'].includes(o))).toBe(true);
    expect(round.folder.files).toEqual(expectedFiles());
    expect(round.folder.installedSha256).toBe(entry.sha256);
    expect(round.folder.markerConsistent).toBe(true);

    const again = await startPull(dataDir, mirror).exited;
    expect(again.outcome).toBe('already-installed');
  });
});
