import { z } from 'zod';
import type { Completion, CompletionRequest, LanguageModel } from '../llm/languageModel';
import type { SecretStore } from '../secrets/secretStore';
import { judgeKeyFor } from './judgeKey';
import { costUsd, judgePrices, priceFor, type TokenPrice } from './judgePrices';
import type { JudgeSpendLedger } from './judgeSpendLedger';
import { toStrictJsonSchema } from './toStrictJsonSchema';

export type CloudJudgeErrorKind = 'missing-key' | 'budget' | 'timeout' | 'network' | 'http' | 'bad-response';

/** A cloud judge call that did not produce an answer; `kind` says which of the usual reasons. */
export class CloudJudgeError extends Error {
  override readonly name = 'CloudJudgeError';
  constructor(
    readonly kind: CloudJudgeErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface CloudJudgeModelOptions {
  /** OpenAI-compatible API root, e.g. `https://api.openai.com/v1` (config `judge.cloud.base_url`). */
  baseUrl: string;
  /** config `judge.cloud.model` */
  model: string;
  secrets: SecretStore;
  ledger: JudgeSpendLedger;
  /** Evolution session the spend is charged to; null outside an evolution. */
  session: string | null;
  /** config `judge.budget_per_evolution_usd` / `judge.budget_per_month_usd` */
  budgets: { perEvolutionUsd: number; perMonthUsd: number };
  /** @default judgePrices */
  prices?: Readonly<Record<string, TokenPrice>>;
  /** Milliseconds before a call is abandoned. @default 60000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

const chatCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.int().nonnegative(), completion_tokens: z.int().nonnegative() })
    .nullish(),
});

/** Reasoning models bill their hidden reasoning as output tokens out of the same cap. */
const REASONING_MODEL = /^(gpt-5|o\d)/;
/** Headroom for a reasoning model's hidden tokens; a tight cap returns an empty answer. */
const REASONING_MIN_TOKENS = 1024;

/** Deliberately pessimistic (English runs ~4 characters per token) so the pre-call budget check errs safe. */
function estimatePromptTokens(request: CompletionRequest): number {
  return Math.ceil(((request.system ?? '').length + request.user.length) / 3) + 16;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

function usd(value: number): string {
  return `$${value.toFixed(4)}`;
}

/**
 * The cloud judge tier: an OpenAI-compatible `/chat/completions` endpoint behind the
 * {@link LanguageModel} port, answering under a strict `json_schema` response format. Every call
 * checks the budgets first against its worst case (estimated prompt + the full token cap) and records
 * what the returned usage cost, per evolution session and per month. It only touches the network
 * when called, and only the tier selection creates it, so a judge that is not opted in never does.
 */
export function createCloudJudgeModel(options: CloudJudgeModelOptions): LanguageModel {
  const id = `cloud:${options.model}`;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const price = priceFor(options.model, options.prices ?? judgePrices);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const reasoning = REASONING_MODEL.test(options.model);

  const checkBudget = (worstCaseUsd: number, spentNow: { session: number; month: number }) => {
    const { perEvolutionUsd, perMonthUsd } = options.budgets;
    if (options.session !== null) {
      const spent = spentNow.session;
      if (spent + worstCaseUsd > perEvolutionUsd) {
        throw new CloudJudgeError(
          'budget',
          `cloud judge call refused: evolution ${options.session} has spent ${usd(spent)} of its ${usd(perEvolutionUsd)} budget and this call may cost up to ${usd(worstCaseUsd)} (judge.budget_per_evolution_usd)`,
        );
      }
    }
    const spentMonth = spentNow.month;
    if (spentMonth + worstCaseUsd > perMonthUsd) {
      throw new CloudJudgeError(
        'budget',
        `cloud judge call refused: ${usd(spentMonth)} of this month's ${usd(perMonthUsd)} budget is spent and this call may cost up to ${usd(worstCaseUsd)} (judge.budget_per_month_usd)`,
      );
    }
  };

  const post = async (key: string, body: unknown, signal: AbortSignal | undefined) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
        signal: combined,
      });
      return { response, text: await response.text() };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new CloudJudgeError(
          'timeout',
          `cloud judge ${url} did not answer within ${timeoutMs / 1000} s`,
        );
      }
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new CloudJudgeError('network', `cloud judge ${url} is unreachable${cause}`);
    }
  };

  const complete = async (request: CompletionRequest): Promise<Completion> => {
    const { key, problem } = await judgeKeyFor(options.secrets, options.baseUrl);
    if (key === null) {
      throw new CloudJudgeError(
        'missing-key',
        `the cloud judge cannot be called: ${problem}, or choose another judge.tier`,
      );
    }
    const maxTokens = reasoning ? Math.max(request.maxTokens, REASONING_MIN_TOKENS) : request.maxTokens;
    const worstCase = costUsd(price, {
      promptTokens: estimatePromptTokens(request),
      completionTokens: maxTokens,
    });
    // The check and the booking of the worst case are one transaction across processes.
    const booking = options.ledger.reserve({ session: options.session, usd: worstCase }, (spent) =>
      checkBudget(worstCase, spent),
    );
    let billed = false;
    try {
      return await call(request, key, maxTokens, worstCase, (usd) => {
        options.ledger.settle(booking, usd);
        billed = true;
      });
    } catch (error) {
      // A request that timed out or was cancelled in flight may still be billed: keep its worst case.
      const inFlight =
        request.signal?.aborted === true || (error instanceof CloudJudgeError && error.kind === 'timeout');
      if (!billed && !inFlight) options.ledger.release(booking);
      throw error;
    }
  };

  const call = async (
    request: CompletionRequest,
    key: string,
    maxTokens: number,
    worstCase: number,
    bill: (usd: number) => void,
  ): Promise<Completion> => {
    const body = {
      model: options.model,
      messages: [
        ...(request.system === undefined ? [] : [{ role: 'system', content: request.system }]),
        { role: 'user', content: request.user },
      ],
      max_completion_tokens: maxTokens,
      // Reasoning models only accept their default temperature; the others get the caller's.
      ...(reasoning || request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(reasoning ? { reasoning_effort: options.model.startsWith('gpt-5') ? 'minimal' : 'low' } : {}),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.jsonSchema
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'answer', strict: true, schema: toStrictJsonSchema(request.jsonSchema) },
            },
          }
        : {}),
    };
    const started = performance.now();
    const { response, text } = await post(key, body, request.signal);
    if (!response.ok) {
      let detail = excerpt(text);
      try {
        const parsed = z.object({ error: z.object({ message: z.string() }) }).safeParse(JSON.parse(text));
        if (parsed.success) detail = parsed.data.error.message;
      } catch {
        // A proxy's HTML error page: the excerpt is all there is.
      }
      const hint = response.status === 401 || response.status === 403 ? ' (check the API key)' : '';
      throw new CloudJudgeError(
        'http',
        `cloud judge ${url} answered HTTP ${response.status}${hint}: ${detail}`,
      );
    }

    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      throw new CloudJudgeError(
        'bad-response',
        `cloud judge ${url} sent a body that is not JSON: ${excerpt(text)}`,
      );
    }
    const parsed = chatCompletionSchema.safeParse(payload);
    if (!parsed.success) {
      throw new CloudJudgeError(
        'bad-response',
        `cloud judge ${url} sent something that is not a chat completion (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`,
      );
    }
    // Charged before the answer is checked: a useless answer is still billed. Without usage the
    // worst case is recorded, so a server that hides usage cannot spend past the budget.
    const usage = parsed.data.usage;
    const promptTokens = usage?.prompt_tokens ?? estimatePromptTokens(request);
    const completionTokens = usage?.completion_tokens ?? maxTokens;
    bill(usage ? costUsd(price, { promptTokens, completionTokens }) : worstCase);

    const choice = parsed.data.choices[0];
    const content = choice?.message.content;
    if (!content) {
      const why = choice?.message.refusal
        ? `refused: ${excerpt(choice.message.refusal)}`
        : `returned no content (finish_reason ${choice?.finish_reason ?? 'unknown'})`;
      throw new CloudJudgeError('bad-response', `cloud judge ${options.model} ${why}`);
    }
    let json: unknown;
    if (request.jsonSchema) {
      try {
        json = JSON.parse(content);
      } catch {
        const cut = choice.finish_reason === 'length' ? ' (cut at the token cap)' : '';
        throw new CloudJudgeError(
          'bad-response',
          `cloud judge ${options.model} answered with text that is not JSON${cut}: ${excerpt(content)}`,
        );
      }
    }
    return {
      text: content,
      json,
      promptTokens,
      completionTokens,
      latencyMs: performance.now() - started,
      model: id,
    };
  };

  return { id, complete };
}
