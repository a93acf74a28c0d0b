import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config';
import { judgeSpendLedger } from '../../../src/core/judge/judgeSpendLedger';
import { openJudge } from '../../../src/core/judge/openJudge';
import {
  candidatesToBreed,
  createScreen,
  type ScreenResult,
  screenVariants,
} from '../../../src/core/judge/screenVariants';
import type { Completion, CompletionRequest, LanguageModel } from '../../../src/core/llm/languageModel';
import { environmentSecretStore } from '../../../src/core/secrets/environmentSecretStore';
import { getSkill } from '../../../src/core/skills/skillRegistry';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { chatCompletion, sendJson, startChatCompletionsStandIn } from './chatCompletionsStandIn';

const skill = getSkill('file-naming');

/** The breeder's finalist shape (src/core/breeder), restated so this test does not import the breeder. */
interface BreederFinalist {
  id: string;
  template: string;
  fitness: number;
  sampleOutputs: { input: unknown; output: unknown }[];
}
const judgeConfig = { ...defaultConfig.judge, enabled: true, tier: 'backup' as const };
const answerFor = (all: number) =>
  JSON.stringify({
    grammar: all,
    relevance: all,
    specificity: all,
    clarity: all,
    consistency: all,
    reason: 'ok',
  });

/** A stand-in judge model: each template carries `MARK<n>` and gets n on every dimension. */
function scriptedModel(id: string, seen: CompletionRequest[] = []): LanguageModel {
  return {
    id,
    async complete(request): Promise<Completion> {
      seen.push(request);
      const all = Number(/MARK(\d+)/.exec(request.user)?.[1] ?? 0);
      const text = answerFor(all);
      return { text, json: JSON.parse(text), promptTokens: 1, completionTokens: 1, latencyMs: 0, model: id };
    },
  };
}

const template = (mark: number) => `Rename the file (MARK${mark}).\n{{input}}`;
const examples = [
  {
    input: { originalName: 'Scan 12.pdf', extension: 'pdf', excerpt: 'INVOICE Acme' },
    reference: { filename: 'acme-invoice.pdf' },
  },
  { input: { originalName: 'IMG_1.txt', extension: 'txt' } },
];
const backupJudge = (seen?: CompletionRequest[]) => ({
  tier: 'backup' as const,
  model: scriptedModel('smollm2', seen),
  fallback: null,
  notice: null,
});

describe('screenVariants', () => {
  it('rejects under 70, keeps the best 3 of the rest, best first, with ties in the breeder order', async () => {
    const result = await screenVariants({
      skill,
      candidates: [
        { id: 'a', template: template(6) },
        { id: 'b', template: template(8) },
        { id: 'c', template: template(9) },
        { id: 'd', template: template(7) },
        { id: 'e', template: template(8) },
      ],
      examples,
      judge: backupJudge(),
      config: judgeConfig,
    });
    expect(result.kept).toEqual(['c', 'b', 'e']);
    expect(result.scores.map((s) => [s.id, s.judgeScore.score, s.status])).toEqual([
      ['a', 60, 'rejected'],
      ['b', 80, 'kept'],
      ['c', 90, 'kept'],
      ['d', 70, 'surplus'],
      ['e', 80, 'kept'],
    ]);
    expect(result.autoPromote).toBeNull(); // auto_promote is off by default
    expect(result).toMatchObject({ tier: 'backup', calls: 5, notice: null });
  });

  it('auto-promotes a unique best ≥ 90 only when enabled and only if it beats the original too', async () => {
    const config = { ...judgeConfig, auto_promote: true };
    const candidates = [
      { id: 'a', template: template(9) },
      { id: 'b', template: template(8) },
    ];
    const alone = await screenVariants({ skill, candidates, examples, judge: backupJudge(), config });
    expect(alone.autoPromote).toBe('a');
    const tiedWithOriginal = await screenVariants({
      skill,
      candidates,
      examples,
      judge: backupJudge(),
      config,
      original: { id: 'v1', template: template(9) },
    });
    expect(tiedWithOriginal.autoPromote).toBeNull();
    expect(tiedWithOriginal.originalScore?.score).toBe(90);
  });

  it('shows the judge each candidate’s outputs beside the inputs and the references', async () => {
    const seen: CompletionRequest[] = [];
    await screenVariants({
      skill,
      candidates: [
        {
          id: 'a',
          template: template(8),
          sampleOutputs: [{ input: examples[0]?.input, output: { filename: 'scan-output-one.pdf' } }],
        },
      ],
      examples,
      judge: backupJudge(seen),
      config: judgeConfig,
    });
    const user = seen[0]?.user ?? '';
    expect(user).toContain('name: Scan 12.pdf');
    expect(user).toContain('Output of the prompt: {"filename":"scan-output-one.pdf"}');
    expect(user).toContain('What the user wanted: {"filename":"acme-invoice.pdf"}');
    expect(user).not.toContain('IMG_1.txt'); // the candidate brought no output for it
    expect(seen[0]?.jsonSchema).toBeDefined();
  });

  it('plugs into the breeder: createScreen resolves to the kept ids and reports the full result', async () => {
    let reported: ScreenResult | null = null;
    const screen: (
      candidates: readonly BreederFinalist[],
    ) => Promise<readonly { id: string; judgeScore: { score: number; tier: string } }[]> = createScreen(
      { skill, examples, judge: backupJudge(), config: judgeConfig },
      (result) => {
        reported = result;
      },
    );
    const finalists: BreederFinalist[] = [
      { id: 'x', template: template(5), fitness: 0.9, sampleOutputs: [] },
      { id: 'y', template: template(8), fitness: 0.8, sampleOutputs: [] },
    ];
    const kept = await screen(finalists);
    expect(kept.map((k) => k.id)).toEqual(['y']);
    // What the variant stores: the kept candidate's score and the tier that gave it.
    expect(kept[0]?.judgeScore).toMatchObject({ tier: 'backup', score: expect.any(Number) });
    expect(kept[0]?.judgeScore.score).toBe((reported as ScreenResult | null)?.scores[1]?.judgeScore.score);
    expect((reported as ScreenResult | null)?.scores.map((s) => s.status)).toEqual(['rejected', 'kept']);
  });

  it('breeds 5 to keep 3 with the judge on, 3 without', () => {
    expect(candidatesToBreed({ ...defaultConfig, judge: judgeConfig })).toBe(5);
    expect(candidatesToBreed(defaultConfig)).toBe(3);
  });
});

describe('judge tiers', () => {
  const tempDir = makeTempDataDirs();
  let cloud: Awaited<ReturnType<typeof startChatCompletionsStandIn>>;
  beforeAll(async () => {
    cloud = await startChatCompletionsStandIn();
  });
  afterAll(() => cloud.close());

  function ledgerAndSession() {
    const core = openTestCore(tempDir());
    const { ctx } = core;
    const session = ctx.store.write(() => {
      const bred = ctx.store.sessions.createSession(
        { skill: 'file-naming', originalVersion: 1, trigger: 'manual', start: 'breed' },
        [],
        ctx.clock.now(),
      );
      return ctx.store.sessions.startScreening(bred.id);
    }).id;
    return { core, ledger: judgeSpendLedger(ctx.store.db, ctx.clock), session };
  }

  it('is off by default: no judge, nothing touched', async () => {
    const { core, ledger, session } = ledgerAndSession();
    const judge = await openJudge({
      config: defaultConfig.judge,
      backup: scriptedModel('smollm2'),
      secrets: environmentSecretStore({}),
      ledger,
      session,
    });
    expect(judge).toBeNull();
    core.close();
  });

  it('falls back to the loaded model with a notice when no local judge is installed', async () => {
    const { core, ledger, session } = ledgerAndSession();
    const judge = await openJudge({
      config: { ...judgeConfig, tier: 'local' },
      backup: scriptedModel('smollm2'),
      localJudge: async () => null,
      secrets: environmentSecretStore({}),
      ledger,
      session,
    });
    expect(judge).toMatchObject({
      tier: 'backup',
      notice: expect.stringMatching(/no local judge model installed/),
    });
    expect(judge?.model.id).toBe('smollm2');
    core.close();
  });

  it('refuses the cloud tier without a key, naming where to put it', async () => {
    const { core, ledger, session } = ledgerAndSession();
    await expect(
      openJudge({
        config: { ...judgeConfig, tier: 'cloud' },
        backup: scriptedModel('smollm2'),
        secrets: environmentSecretStore({}),
        ledger,
        session,
      }),
    ).rejects.toThrow(/TINYARMS_JUDGE_API_KEY/);
    core.close();
  });

  it('screens through the cloud, charges the evolution, and hands over to the backup when the budget runs out', async () => {
    cloud.reply((request, res) => {
      const mark = Number(/MARK(\d+)/.exec(request.body.messages.at(-1)?.content ?? '')?.[1] ?? 0);
      sendJson(res, 200, chatCompletion(answerFor(mark), { prompt_tokens: 5000, completion_tokens: 60 }));
    });
    const { core, ledger, session } = ledgerAndSession();
    const open = (perEvolution: number) =>
      openJudge({
        config: {
          ...judgeConfig,
          tier: 'cloud',
          cloud: { base_url: cloud.baseUrl, model: 'gpt-4o-mini' },
          budget_per_evolution_usd: perEvolution,
        },
        backup: scriptedModel('smollm2'),
        secrets: environmentSecretStore({
          TINYARMS_JUDGE_API_KEY: 'sk-test',
          TINYARMS_JUDGE_API_ORIGIN: new URL(cloud.baseUrl).origin,
        }),
        ledger,
        session,
      });
    const candidates = [7, 9, 5].map((mark, i) => ({ id: `v${i}`, template: template(mark) }));

    const judge = await open(0.05);
    if (!judge) throw new Error('judge expected');
    const viaCloud = await screenVariants({ skill, candidates, examples, judge, config: judgeConfig });
    expect(viaCloud).toMatchObject({ tier: 'cloud', kept: ['v1', 'v0'], calls: 3, notice: null });
    expect(viaCloud.scores[1]?.judgeScore.model).toBe('cloud:gpt-4o-mini');
    // gpt-4o-mini: 5000 × $0.15/1M + 60 × $0.60/1M = $0.000786 per call
    expect(ledger.spentInSession(session)).toBeCloseTo(3 * 0.000786, 12);
    expect(cloud.requests).toHaveLength(3);

    // $0.0005 left: enough for one call's worst-case estimate (a ~600-token prompt + 120 output
    // tokens ≈ $0.00016), but that call costs $0.000786, so the next is refused and the backup
    // judges all three again.
    const tight = await open(3 * 0.000786 + 0.0005);
    if (!tight) throw new Error('judge expected');
    const handedOver = await screenVariants({
      skill,
      candidates,
      examples,
      judge: tight,
      config: judgeConfig,
    });
    expect(cloud.requests).toHaveLength(4);
    expect(handedOver.tier).toBe('backup');
    expect(handedOver.notice).toMatch(/cloud judge stopped \(cloud judge call refused: evolution/);
    expect(handedOver.scores.map((s) => s.judgeScore.model)).toEqual(['smollm2', 'smollm2', 'smollm2']);
    expect(handedOver.kept).toEqual(['v1', 'v0']);
    expect(handedOver.calls).toBe(5);
    core.close();
  });
});
