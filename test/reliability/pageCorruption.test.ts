import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/core/store/openDatabase';
import { openTestCore } from '../support/openTestCore';
import { makeTempDataDirs } from '../support/tempDataDir';
import { corruptionTrials } from './pageCorruption';

const newDir = makeTempDataDirs();

describe('random pages of a database overwritten', () => {
  it('every row still readable in the damaged file is in the recovered one, and it passes integrity_check', () => {
    const outcome = corruptionTrials(Number(process.env.TINYARMS_RELIABILITY_TRIALS ?? 6), 21);
    expect(outcome.problems).toEqual([]);
    expect(outcome).toMatchObject({ missingRows: 0, integrityFailures: 0 });
    // The damage was found and most rows came back from the damaged file, not from the backup.
    expect(outcome.recovered).toBe(outcome.trials);
    expect(outcome.readableRows).toBeGreaterThan(outcome.rowsAfterBackup / 2);
  });

  it('the next start works when a skill lost its row but kept its prompt versions', () => {
    const dataDir = newDir();
    const core = openTestCore(dataDir);
    const { prompts } = core.ctx.store;
    core.ctx.store.write(() =>
      prompts.activateNewVersion(
        {
          skill: 'file-naming',
          template: 'Name it.\n{{input}}\n',
          examplePolicy: prompts.activeVersion('file-naming').examplePolicy,
          source: 'manual',
          parentVersion: 1,
          session: null,
          notes: null,
          accuracyBefore: null,
        },
        core.clock.now(),
      ),
    );
    core.close();
    // What a salvage leaves when the skills page was damaged and prompt_versions was not.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma('foreign_keys = OFF');
    db.prepare("DELETE FROM skills WHERE id = 'file-naming'").run();
    db.close();
    const reopened = openTestCore(dataDir);
    try {
      expect(reopened.ctx.store.prompts.activeVersion('file-naming').version).toBe(2);
      expect(reopened.ctx.store.prompts.listVersions('file-naming')).toHaveLength(2);
    } finally {
      reopened.close();
    }
  });
});
