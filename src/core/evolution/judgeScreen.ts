import type { ScreenCandidates } from '../breeder/promptBreeder';
import type { CoreContext } from '../coreContext';
import { judgeSpendLedger } from '../judge/judgeSpendLedger';
import { localJudgeModel } from '../judge/localJudgeModel';
import { openJudge } from '../judge/openJudge';
import { createScreen } from '../judge/screenVariants';
import type { LanguageModel } from '../llm/languageModel';
import type { SecretStore } from '../secrets/secretStore';
import { getSkill } from '../skills/skillRegistry';

/**
 * The breeder's `screen` hook when `judge.enabled`: the configured tier judges the finalists and
 * the best that pass the rubric are kept. `undefined` when the judge is off (nothing judged, no
 * network). The CLI passes the environment secret store, the app its keychain store.
 */
export async function judgeScreen(
  ctx: CoreContext,
  skillId: string,
  model: LanguageModel,
  secrets: SecretStore,
): Promise<ScreenCandidates | undefined> {
  const judge = await openJudge({
    config: ctx.config.judge,
    backup: model,
    localJudge: async () => localJudgeModel({ config: ctx.config, dataDir: ctx.dataDir }),
    secrets,
    ledger: judgeSpendLedger(ctx.store.db, ctx.clock),
    session: null,
  });
  if (!judge) return undefined;
  return createScreen({
    skill: getSkill(skillId),
    judge,
    config: ctx.config.judge,
    keep: ctx.config.breeder.variants_per_evolution,
  });
}
