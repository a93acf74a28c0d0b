import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config';
import { judgeSpendLedger } from '../../../src/core/judge/judgeSpendLedger';
import { openJudge } from '../../../src/core/judge/openJudge';
import { rubricDimensions, weightedScore } from '../../../src/core/judge/rubric';
import { screenVariants } from '../../../src/core/judge/screenVariants';
import { environmentSecretStore } from '../../../src/core/secrets/environmentSecretStore';
import { getSkill } from '../../../src/core/skills/skillRegistry';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { TEST_MODEL_ID, testLanguageModel } from '../../support/testModel';

const tempDir = makeTempDataDirs();

describe('the backup judge tier on the real SmolLM2-135M', () => {
  it('scores two candidates under the rubric schema (two model calls)', { timeout: 600_000 }, async () => {
    const skill = getSkill('file-naming');
    const core = openTestCore(tempDir());
    const judge = await openJudge({
      config: { ...defaultConfig.judge, enabled: true, tier: 'backup' },
      backup: await testLanguageModel(),
      secrets: environmentSecretStore({}),
      ledger: judgeSpendLedger(core.ctx.store.db, core.ctx.clock),
      session: null,
    });
    if (!judge) throw new Error('the judge is enabled');
    const input = {
      originalName: 'Scan 12.pdf',
      extension: 'pdf',
      excerpt: 'INVOICE Acme Corp, 31 July 2025',
    };
    const result = await screenVariants({
      skill,
      candidates: [
        {
          id: 'v1',
          template: skill.promptV1,
          sampleOutputs: [
            {
              input,
              output: {
                filename: 'acme-invoice-july-2025.pdf',
                reasoning: 'An Acme Corp invoice from July 2025.',
                alternatives: ['acme-corp-invoice-2025-07.pdf', 'invoice-acme-july-2025.pdf'],
              },
            },
          ],
        },
        { id: 'terse', template: 'Name this file.\n{{input}}' },
      ],
      examples: [{ input, reference: { filename: 'acme-invoice-july-2025.pdf' } }],
      judge,
      config: { ...defaultConfig.judge, enabled: true },
    });
    core.close();

    expect(result).toMatchObject({ tier: 'backup', calls: 2 });
    expect(result.scores.map((s) => s.id)).toEqual(['v1', 'terse']);
    for (const { judgeScore, status } of result.scores) {
      for (const d of rubricDimensions) {
        expect(Number.isInteger(judgeScore.dimensions[d])).toBe(true);
        expect(judgeScore.dimensions[d]).toBeGreaterThanOrEqual(0);
        expect(judgeScore.dimensions[d]).toBeLessThanOrEqual(10);
      }
      expect(judgeScore.score).toBe(weightedScore(judgeScore.dimensions));
      expect(judgeScore.reason.length).toBeLessThanOrEqual(160);
      expect(judgeScore.model).toBe(TEST_MODEL_ID);
      expect(status).toBe(judgeScore.score >= 70 ? 'kept' : 'rejected');
    }
  });
});
