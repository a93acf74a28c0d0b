import { describe, it } from 'vitest';
import { makeTempDataDirs } from '../support/tempDataDir';
import { expectNothingLost } from './expectNothingLost';
import { feedbackKills, killsPerKind, renameKills, voteKills } from './killRuns';

const newDir = makeTempDataDirs();

const KILLS = killsPerKind();

describe('kill -9 at random moments', () => {
  it('of voting: every acknowledged vote stored once, integrity ok after every kill', async () => {
    expectNothingLost(await voteKills(newDir(), KILLS, 11), 1);
  });

  it('of feedback: every acknowledged verdict stored as given', async () => {
    expectNothingLost(await feedbackKills(newDir(), KILLS, 12), 1);
  });

  it('of renames: each file under exactly one name, moved exactly when its rename is recorded', async () => {
    expectNothingLost(await renameKills(newDir(), KILLS, 13), 1);
  });
});
