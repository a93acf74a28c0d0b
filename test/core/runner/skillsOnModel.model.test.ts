import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualSession } from '../../../src/core/evolution/abSession';
import { runSkill } from '../../../src/core/runner/runSkill';
import { runTemplate } from '../../../src/core/runner/runTemplate';
import { getSkill, type SkillId, skillIds } from '../../../src/core/skills';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { testLanguageModel } from '../../support/testModel';
import { loadSkillFixture } from '../skills/loadSkillFixture';

// Real SmolLM2-135M on a shared 2-core machine: a handful of short calls, generous timeouts.
const MODEL_TEST_TIMEOUT_MS = 10 * 60_000;
const newDir = makeTempDataDirs();

describe('v1 prompts on the real model', () => {
  it.each(skillIds.map((id) => [id] as [SkillId]))(
    '%s: the first fixture gives output with the skill’s structure',
    async (id) => {
      const skill = getSkill(id);
      const model = await testLanguageModel();
      const fixture = loadSkillFixture(id)[0];
      if (!fixture) throw new Error(`no fixture for ${id}`);
      const run = await runTemplate(model, skill, skill.promptV1, fixture.input);
      // runTemplate has already parsed with the structural schema; check it independently too.
      expect(skill.rawOutputSchema.safeParse(run.output).success).toBe(true);
      // File names are generated under their format rules, so they always pass them.
      if (id === 'file-naming') expect(run.valid).toBe(true);
      console.info(`${id} (valid format: ${run.valid}): ${JSON.stringify(run.output)}`);
    },
    MODEL_TEST_TIMEOUT_MS,
  );
});

describe('an A/B comparison on the real model', () => {
  it(
    'records one run per shown arm and offers their distinct outputs',
    async () => {
      const dir = newDir();
      writeFileSync(join(dir, 'config.yaml'), 'ab_testing:\n  show_probability: 1\n');
      const core = openTestCore(dir);
      const variant = getSkill('file-naming').promptV1.replace(
        'You rename files.',
        'You are a careful archivist who renames files.',
      );
      const { session } = createManualSession(core.ctx, 'file-naming', [variant]);
      const model = await testLanguageModel();
      const fixture = loadSkillFixture('file-naming')[0];
      const result = await runSkill(core.ctx, model, 'file-naming', fixture?.input, { source: 'cli' });

      expect(result.comparison?.session).toBe(session.id);
      expect([...(result.comparison?.shown ?? [])].sort()).toEqual(['A', 'original']);
      const runs = core.ctx.store.tasks.runsFor(result.task);
      expect(runs.map((r) => r.arm).sort()).toEqual(['A', 'original']);
      for (const run of runs) {
        expect(run.model).toBe(model.id);
        expect(run.latencyMs).toBeGreaterThan(0);
        expect(run.tokens).toBeGreaterThan(0);
      }
      const outputs = result.comparison?.outputs ?? [];
      expect(outputs.flatMap((g) => g.arms).sort()).toEqual(['A', 'original']);
      expect(new Set(outputs.map((g) => JSON.stringify(g.output))).size).toBe(outputs.length);
      console.info(`A/B outputs: ${JSON.stringify(outputs)}`);
      core.close();
    },
    MODEL_TEST_TIMEOUT_MS,
  );
});
