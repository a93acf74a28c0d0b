import type { Config } from '../config';
import type { LanguageModel } from '../llm/languageModel';
import type { SecretStore } from '../secrets/secretStore';
import { CloudJudgeError, createCloudJudgeModel } from './cloudJudgeModel';
import { judgeKeyFor } from './judgeKey';
import type { JudgeSpendLedger } from './judgeSpendLedger';

export type JudgeTier = Config['judge']['tier'];

/** The judge a screening uses, after tier selection. */
export interface Judge {
  /** The tier actually in use (the backup when the configured one is unavailable). */
  tier: JudgeTier;
  model: LanguageModel;
  /** Takes over when the cloud tier fails mid-screening (budget, timeout, outage); null otherwise. */
  fallback: LanguageModel | null;
  /** Why the configured tier is not the one in use, e.g. "no local judge model installed". */
  notice: string | null;
}

export interface OpenJudgeOptions {
  /** config `judge` */
  config: Config['judge'];
  /** The SmolLM2 already loaded for the skills: the tier of last resort. */
  backup: LanguageModel;
  /** The local judge GGUF from the model manifest, or null when none is installed. */
  localJudge?: () => Promise<LanguageModel | null>;
  secrets: SecretStore;
  ledger: JudgeSpendLedger;
  /** Evolution session charged for cloud spend. */
  session: string | null;
  /** Cloud call timeout in ms. @default 60000 */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Picks the judge for one screening from config `judge.tier`: `local` (judge GGUF, else the backup
 * with a notice), `cloud` (opt-in; needs the API key, backed by the local backup when a call fails
 * or the budget runs out), or `backup`. Returns null when the judge is off (`judge.enabled: false`,
 * the default), so nothing is judged and no network is ever touched.
 *
 * @throws CloudJudgeError (`missing-key`) when the cloud tier is chosen without a key: the user opted
 *   in to the cloud, so quietly judging with a weaker model would hide the mistake.
 */
export async function openJudge(options: OpenJudgeOptions): Promise<Judge | null> {
  const { config, backup } = options;
  if (!config.enabled) return null;
  switch (config.tier) {
    case 'backup':
      return { tier: 'backup', model: backup, fallback: null, notice: null };
    case 'local': {
      let local: LanguageModel | null = null;
      let notice = 'no local judge model installed; judging with the loaded model instead';
      try {
        local = options.localJudge ? await options.localJudge() : null;
      } catch (error) {
        notice = `the local judge model could not be loaded (${error instanceof Error ? error.message : String(error)}); judging with the loaded model instead`;
      }
      return local
        ? { tier: 'local', model: local, fallback: null, notice: null }
        : { tier: 'backup', model: backup, fallback: null, notice };
    }
    case 'cloud': {
      const found = await judgeKeyFor(options.secrets, config.cloud.base_url);
      if (found.key === null) {
        throw new CloudJudgeError(
          'missing-key',
          `judge.tier is cloud but ${found.problem}, or choose another judge.tier`,
        );
      }
      const model = createCloudJudgeModel({
        baseUrl: config.cloud.base_url,
        model: config.cloud.model,
        secrets: options.secrets,
        ledger: options.ledger,
        session: options.session,
        budgets: {
          perEvolutionUsd: config.budget_per_evolution_usd,
          perMonthUsd: config.budget_per_month_usd,
        },
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      return { tier: 'cloud', model, fallback: backup, notice: null };
    }
    default:
      return config.tier satisfies never;
  }
}
