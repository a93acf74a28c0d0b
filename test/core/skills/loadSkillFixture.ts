import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { SkillId } from '../../../src/core/skills/skillDefinition';

const fixtureCase = z.object({ id: z.string(), input: z.unknown(), reference: z.unknown() });
export type SkillFixtureCase = z.infer<typeof fixtureCase>;

/** Reads `test/fixtures/skills/<id>.json`: realistic inputs, each with a full reference output. */
export function loadSkillFixture(id: SkillId): SkillFixtureCase[] {
  const url = new URL(`../../fixtures/skills/${id}.json`, import.meta.url);
  return z
    .array(fixtureCase)
    .min(1)
    .parse(JSON.parse(readFileSync(fileURLToPath(url), 'utf8')));
}
