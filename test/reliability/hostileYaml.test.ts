import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileYamlCorpus } from './hostileYamlCorpus';
import {
  caseProblems,
  makeYamlHome,
  READ_COMMANDS,
  runHostileCase,
  writeCommands,
  type YamlHome,
} from './hostileYamlScenario';

/**
 * The end-to-end sweep of issue 11's hostile config corpus through the real binary: every case is
 * read by one read command and refused by one write command (rotating, so each command meets a third
 * or half of the corpus; one case meets all five). The unit-level behaviour is in
 * test/core/config/readConfigYaml.test.ts; the wall times are in `npm run bench:reliability`.
 */
const homes: YamlHome[] = [];
const free: YamlHome[] = [];
const waiting: ((home: YamlHome) => void)[] = [];

async function withHome<T>(work: (home: YamlHome) => Promise<T>): Promise<T> {
  const home = free.pop() ?? (await new Promise<YamlHome>((resolve) => waiting.push(resolve)));
  try {
    return await work(home);
  } finally {
    const next = waiting.shift();
    if (next) next(home);
    else free.push(home);
  }
}

beforeAll(() => {
  // Two data folders: two commands at a time on the two cores CI has.
  for (let i = 0; i < 2; i++) homes.push(makeYamlHome());
  free.push(...homes);
});
afterAll(() => {
  for (const home of homes) home.remove();
});

describe.concurrent('a hostile config.yaml', () => {
  it.each(hostileYamlCorpus.map((hostile, index) => [hostile.name, hostile, index] as const))(
    '%s: reads warn naming it, writes refuse in one line and change nothing',
    async (_name, hostile, index) => {
      await withHome(async (home) => {
        const result = await runHostileCase(hostile, home, {
          reads: [index % READ_COMMANDS.length],
          writes: [index % writeCommands(home.session).length],
        });
        expect(caseProblems(hostile, home.dataDir, result)).toEqual([]);
      });
    },
  );

  it('!!binary under model: every read and write command', async () => {
    const hostile = hostileYamlCorpus.find((c) => c.name === '!!binary under model');
    if (!hostile) throw new Error('the corpus lost a case this test names');
    await withHome(async (home) => {
      const result = await runHostileCase(hostile, home);
      expect(result.reads).toHaveLength(READ_COMMANDS.length);
      expect(result.writes).toHaveLength(2);
      expect(caseProblems(hostile, home.dataDir, result)).toEqual([]);
    });
  });
});
