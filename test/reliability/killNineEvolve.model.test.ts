import { describe, it } from 'vitest';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testModelEnv } from '../support/testModel';
import { expectNothingLost } from './expectNothingLost';
import { evolveKills, killsPerKind, seedEvolution } from './killRuns';

const newDir = makeTempDataDirs();

describe('kill -9 at random moments', () => {
  it(
    'of an evolution on the real model: integrity ok, one unfinished session at most, the next run finishes it',
    async () => {
      const outcome = await evolveKills(
        newDir(),
        Math.max(1, Math.round(killsPerKind() / 3)),
        14,
        await testModelEnv(),
        seedEvolution,
      );
      expectNothingLost(outcome, 1);
    },
    20 * 60_000,
  );
});
