import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudJudgeError, createCloudJudgeModel } from '../../../src/core/judge/cloudJudgeModel';
import { costUsd, priceFor } from '../../../src/core/judge/judgePrices';
import { judgeSpendLedger, monthOf } from '../../../src/core/judge/judgeSpendLedger';
import { judgeAnswerJsonSchema } from '../../../src/core/judge/rubric';
import { environmentSecretStore } from '../../../src/core/secrets/environmentSecretStore';
import { openTestCore, T0 } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { chatCompletion, sendJson, startChatCompletionsStandIn } from './chatCompletionsStandIn';

const tempDir = makeTempDataDirs();
let cloud: Awaited<ReturnType<typeof startChatCompletionsStandIn>>;
beforeAll(async () => {
  cloud = await startChatCompletionsStandIn();
});
afterAll(() => cloud.close());
beforeEach(() => {
  cloud.requests.length = 0;
});

const answer = JSON.stringify({
  grammar: 9,
  relevance: 8,
  specificity: 7,
  clarity: 8,
  consistency: 9,
  reason: 'Clear rules and good examples.',
});
const request = {
  system: 'judge',
  user: 'score this prompt',
  jsonSchema: judgeAnswerJsonSchema,
  maxTokens: 120,
};

function setup(
  options: {
    key?: string;
    perEvolutionUsd?: number;
    perMonthUsd?: number;
    timeoutMs?: number;
    unbound?: boolean;
  } = {},
) {
  const core = openTestCore(tempDir());
  const { ctx } = core;
  const session = ctx.store.write(() =>
    ctx.store.sessions.createSession(
      { skill: 'file-naming', originalVersion: 1, trigger: 'manual', start: 'breed' },
      [],
      ctx.clock.now(),
    ),
  ).id;
  const ledger = judgeSpendLedger(ctx.store.db, ctx.clock);
  const model = createCloudJudgeModel({
    baseUrl: cloud.baseUrl,
    model: 'gpt-5-mini',
    secrets: environmentSecretStore(
      options.key === undefined
        ? {}
        : {
            TINYARMS_JUDGE_API_KEY: options.key,
            ...(options.unbound ? {} : { TINYARMS_JUDGE_API_ORIGIN: new URL(cloud.baseUrl).origin }),
          },
    ),
    ledger,
    session,
    budgets: { perEvolutionUsd: options.perEvolutionUsd ?? 0.05, perMonthUsd: options.perMonthUsd ?? 2 },
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  return { core, ledger, session, model };
}

describe('cloud judge adapter against an OpenAI-compatible stand-in', () => {
  it('posts a strict json_schema request with the key and returns the parsed answer', async () => {
    cloud.reply((_r, res) => sendJson(res, 200, chatCompletion(answer)));
    const { core, model } = setup({ key: 'sk-test-123' });
    const completion = await model.complete(request);
    core.close();

    expect(completion.json).toEqual(JSON.parse(answer));
    expect(completion).toMatchObject({ model: 'cloud:gpt-5-mini', promptTokens: 1000, completionTokens: 50 });
    const [sent] = cloud.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.authorization).toBe('Bearer sk-test-123');
    expect(sent?.body.model).toBe('gpt-5-mini');
    expect(sent?.body.messages).toEqual([
      { role: 'system', content: 'judge' },
      { role: 'user', content: 'score this prompt' },
    ]);
    expect(sent?.body.response_format?.type).toBe('json_schema');
    expect(sent?.body.response_format?.json_schema.strict).toBe(true);
    expect(sent?.body.response_format?.json_schema.schema.additionalProperties).toBe(false);
  });

  it('records the spend from the returned usage, per evolution and per month', async () => {
    cloud.reply((_r, res) =>
      sendJson(res, 200, chatCompletion(answer, { prompt_tokens: 2000, completion_tokens: 100 })),
    );
    const { core, ledger, session, model } = setup({ key: 'sk-test' });
    await model.complete(request);
    await model.complete(request);
    const perCall = costUsd(priceFor('gpt-5-mini'), { promptTokens: 2000, completionTokens: 100 });
    expect(perCall).toBeCloseTo(0.0007, 12);
    expect(ledger.spentInSession(session)).toBeCloseTo(2 * perCall, 12);
    expect(ledger.spentInMonth(monthOf(T0))).toBeCloseTo(2 * perCall, 12);
    expect(ledger.spentInMonth('2000-01')).toBe(0);
    core.close();
  });

  it('refuses a call that could exceed the evolution budget, without calling the server', async () => {
    cloud.reply((_r, res) => sendJson(res, 200, chatCompletion(answer)));
    const { core, ledger, session, model } = setup({ key: 'sk-test', perEvolutionUsd: 0.003 });
    // Worst case of one call: ~16 prompt tokens + the 1024-token reasoning cap at $2/1M ≈ $0.002.
    await model.complete(request);
    ledger.record({ session, usd: 0.0015 });
    await expect(model.complete(request)).rejects.toMatchObject({
      kind: 'budget',
      message: expect.stringMatching(/judge\.budget_per_evolution_usd/),
    });
    expect(cloud.requests).toHaveLength(1);
    core.close();
  });

  it('refuses a call that could exceed the monthly budget, counting other sessions', async () => {
    const { core, ledger, model } = setup({ key: 'sk-test', perMonthUsd: 0.01 });
    ledger.record({ session: null, usd: 0.0095 });
    await expect(model.complete(request)).rejects.toMatchObject({
      kind: 'budget',
      message: expect.stringMatching(/judge\.budget_per_month_usd/),
    });
    expect(cloud.requests).toHaveLength(0);
    core.close();
  });

  it('books the worst case with the budget check, so a second process cannot spend the same room', async () => {
    // The first call is still waiting for the server when another process (its own connection to
    // the same database) asks: that one sees the booking and is refused before any request.
    let answerFirst: () => void = () => undefined;
    cloud.reply((_r, res) => {
      answerFirst = () =>
        sendJson(res, 200, chatCompletion(answer, { prompt_tokens: 100, completion_tokens: 20 }));
    });
    const { core, session, model } = setup({ key: 'sk-test', perMonthUsd: 0.003 });
    const first = model.complete(request);
    await expect.poll(() => cloud.requests.length).toBe(1);
    const other = openTestCore(core.ctx.dataDir);
    const otherModel = createCloudJudgeModel({
      baseUrl: cloud.baseUrl,
      model: 'gpt-5-mini',
      secrets: environmentSecretStore({
        TINYARMS_JUDGE_API_KEY: 'sk-test',
        TINYARMS_JUDGE_API_ORIGIN: new URL(cloud.baseUrl).origin,
      }),
      ledger: judgeSpendLedger(other.ctx.store.db, other.ctx.clock),
      session: null,
      budgets: { perEvolutionUsd: 0.05, perMonthUsd: 0.003 },
    });
    await expect(otherModel.complete(request)).rejects.toMatchObject({ kind: 'budget' });
    expect(cloud.requests).toHaveLength(1);
    answerFirst();
    await first;
    // Settled: the booking now holds what the call cost, not its worst case.
    const ledger = judgeSpendLedger(other.ctx.store.db, other.ctx.clock);
    expect(ledger.spentInSession(session)).toBeCloseTo(
      costUsd(priceFor('gpt-5-mini'), { promptTokens: 100, completionTokens: 20 }),
      12,
    );
    other.close();
    core.close();
  });

  it('frees the booking of a call that was never billed, and keeps it for one lost in flight', async () => {
    cloud.reply((_r, res) => sendJson(res, 401, { error: { message: 'Incorrect API key provided' } }));
    const refused = setup({ key: 'sk-wrong' });
    await expect(refused.model.complete(request)).rejects.toMatchObject({ kind: 'http' });
    expect(refused.ledger.spentInMonth()).toBe(0);
    refused.core.close();

    cloud.reply(() => {
      // never answers
    });
    const lost = setup({ key: 'sk-test', timeoutMs: 200 });
    await expect(lost.model.complete(request)).rejects.toMatchObject({ kind: 'timeout' });
    expect(lost.ledger.spentInMonth()).toBeGreaterThan(0);
    lost.core.close();
  });

  it('gives a clear error when the server sends a body that is not JSON', async () => {
    cloud.reply((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>gateway says hi</html>');
    });
    const { core, model } = setup({ key: 'sk-test' });
    const error = await model.complete(request).catch((e: unknown) => e);
    core.close();
    expect(error).toBeInstanceOf(CloudJudgeError);
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect((error as Error).message).toMatch(/sent a body that is not JSON: <html>gateway says hi<\/html>/);
  });

  it('gives a clear error when the answer inside the completion is not JSON, and still records the spend', async () => {
    cloud.reply((_r, res) => sendJson(res, 200, chatCompletion('{"grammar": 9, "relev')));
    const { core, ledger, session, model } = setup({ key: 'sk-test' });
    await expect(model.complete(request)).rejects.toThrow(
      /cloud judge gpt-5-mini answered with text that is not JSON: \{"grammar": 9, "relev/,
    );
    expect(ledger.spentInSession(session)).toBeGreaterThan(0);
    core.close();
  });

  it('names the environment variable when there is no key, and makes no request', async () => {
    const { core, model } = setup();
    await expect(model.complete(request)).rejects.toMatchObject({
      kind: 'missing-key',
      message: expect.stringMatching(
        /there is no API key: set it in the TINYARMS_JUDGE_API_KEY environment variable/,
      ),
    });
    expect(cloud.requests).toHaveLength(0);
    core.close();
  });

  it('never sends a key to another origin than the one it was entered for', async () => {
    // Bound to the default endpoint (no origin recorded), while base_url points at this server.
    const { core, model } = setup({ key: 'sk-test', unbound: true });
    await expect(model.complete(request)).rejects.toMatchObject({
      kind: 'missing-key',
      message: expect.stringContaining(
        `entered for https://api.openai.com, not ${new URL(cloud.baseUrl).origin}`,
      ),
    });
    expect(cloud.requests).toHaveLength(0);
    core.close();
  });

  it('reports HTTP errors with the server message and a hint about the key', async () => {
    cloud.reply((_r, res) => sendJson(res, 401, { error: { message: 'Incorrect API key provided' } }));
    const { core, model } = setup({ key: 'sk-wrong' });
    await expect(model.complete(request)).rejects.toThrow(
      /answered HTTP 401 \(check the API key\): Incorrect API key provided/,
    );
    core.close();
  });

  it('gives up after the timeout with a clear error', async () => {
    cloud.reply(() => {
      // never answers
    });
    const { core, model } = setup({ key: 'sk-test', timeoutMs: 300 });
    await expect(model.complete(request)).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/did not answer within 0.3 s/),
    });
    core.close();
  });

  it('passes a caller abort through as the abort, not as a timeout', async () => {
    cloud.reply(() => {
      // never answers
    });
    const { core, model } = setup({ key: 'sk-test' });
    const controller = new AbortController();
    const pending = model.complete({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by user')), 50);
    await expect(pending).rejects.toThrow('cancelled by user');
    core.close();
  });
});
