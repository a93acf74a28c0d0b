import { defaultConfig } from '../../shared/values/configSchema';
import type { SecretStore } from '../secrets/secretStore';

/** The origin (`https://host[:port]`) a judge key is sent to when none was recorded with it. */
export const DEFAULT_JUDGE_ORIGIN = new URL(defaultConfig.judge.cloud.base_url).origin;

/** Where a judge key entered now may be sent: the origin of `judge.cloud.base_url`. */
export function judgeOrigin(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/** Stores the judge key bound to the origin of `baseUrl`; `null` removes both. */
export async function storeJudgeKey(
  secrets: SecretStore,
  key: string | null,
  baseUrl: string,
): Promise<void> {
  if (key === null) {
    await secrets.delete('judge-api-key');
    await secrets.delete('judge-api-key-origin');
    return;
  }
  await secrets.set('judge-api-key-origin', judgeOrigin(baseUrl));
  await secrets.set('judge-api-key', key);
}

/**
 * The judge key, if there is one and it may be sent to `baseUrl`: a key is bound to the origin it
 * was entered for (a key stored without one, or read from the environment without
 * TINYARMS_JUDGE_API_ORIGIN, to the default endpoint's), so a changed `judge.cloud.base_url` cannot
 * carry it elsewhere.
 */
export async function judgeKeyFor(
  secrets: SecretStore,
  baseUrl: string,
): Promise<{ key: string; problem: null } | { key: null; problem: string }> {
  const key = await secrets.get('judge-api-key');
  if (key === null) {
    return { key: null, problem: `there is no API key: set it in ${secrets.describe('judge-api-key')}` };
  }
  const boundTo = (await secrets.get('judge-api-key-origin')) ?? DEFAULT_JUDGE_ORIGIN;
  const target = judgeOrigin(baseUrl);
  if (boundTo !== target) {
    return {
      key: null,
      problem: `the API key was entered for ${boundTo}, not ${target} (judge.cloud.base_url); enter it again for the new address in ${secrets.describe('judge-api-key')}`,
    };
  }
  return { key, problem: null };
}
