import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countInputPlaceholders } from '../../src/core/skills/renderPrompt';
import { loadEvalCases, seedFileNamingFeedback } from '../core/breeder/seedFileNamingFeedback';
import { openTestCore } from '../support/openTestCore';
import { runTinyarms } from '../support/runTinyarms';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testModelEnv } from '../support/testModel';

const tempDir = makeTempDataDirs();
const TINY =
  'breeder: { population: 4, generations: 1, evaluation_samples: 1, final_evaluation_samples: 2, variants_per_evolution: 3 }\n';

interface EvolveJson {
  session: string;
  variants: { arm: string; fitness: number; operator: string; template: string }[];
  calls: number;
  cacheHits: number;
  wallMs: number;
}

/** The real `tinyarms` binary on the test model. */
async function evolveJson(dir: string, args: string[]) {
  return runTinyarms(['--data-dir', dir, 'prompt', 'evolve', ...args], await testModelEnv());
}

describe('tinyarms prompt evolve', () => {
  it(
    'on a data folder with 20 corrections ends with 3 variants in an A/B session that is testing',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'config.yaml'), TINY);
      const core = openTestCore(dir);
      seedFileNamingFeedback(core.ctx, loadEvalCases().slice(0, 20));
      core.close();

      const result = await evolveJson(dir, ['file-naming', '--budget-calls', '30', '--json']);
      expect(result.code, result.stderr).toBe(0);
      const json = JSON.parse(result.stdout) as EvolveJson;
      expect(json.variants.map((v) => v.arm)).toEqual(['A', 'B', 'C']);
      expect(json.calls).toBeGreaterThan(0);
      expect(json.calls).toBeLessThanOrEqual(30);
      for (const v of json.variants) expect(countInputPlaceholders(v.template)).toBe(1);

      const after = openTestCore(dir);
      const session = after.ctx.store.sessions.getSession(json.session);
      expect(session?.status).toBe('testing');
      expect(after.ctx.store.sessions.variantsOf(json.session).map((v) => [v.letter, v.status])).toEqual([
        ['A', 'testing'],
        ['B', 'testing'],
        ['C', 'testing'],
      ]);
      after.close();
    },
    30 * 60_000,
  );

  it('refuses a skill with no reference example, and bad flags, in one line', async () => {
    const dir = tempDir();
    const none = await evolveJson(dir, ['file-naming', '--json']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/no example with a reference/);
    const bad = await evolveJson(dir, ['file-naming', '--variants', '9']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--variants must be a whole number from 1 to 5/);
  });
});
