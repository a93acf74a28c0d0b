import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WordSequence } from '../../../src/core/llm/languageModel';
import { createLocalModel, type IdleTimer, type LocalModel } from '../../../src/core/llm/localModel';
import { ModelOutputError } from '../../../src/core/llm/modelOutputError';
import { createModelQueue } from '../../../src/core/llm/modelQueue';
import { isWordSequenceAnswer } from '../../../src/core/llm/wordSequence';
import { TEST_MODEL_THREADS, testLanguageModel, testModelPath } from '../../support/testModel';

const colorSchema = {
  type: 'object',
  properties: {
    color: { type: 'string', enum: ['red', 'green', 'blue', 'yellow'] },
    word: { type: 'string', maxLength: 12 },
  },
  required: ['color', 'word'],
  additionalProperties: false,
};

const template = (thing: string) =>
  [
    'You name the main colour of a thing and one word that describes it.',
    'Answer with a JSON object with the keys "color" (red, green, blue or yellow) and "word".',
    'Examples: grass -> {"color": "green", "word": "fresh"}; the sea -> {"color": "blue", "word": "deep"}.',
    `Thing: ${thing}`,
  ].join('\n');

let model: LocalModel;
beforeAll(async () => {
  model = await testLanguageModel();
});

describe('createLocalModel', () => {
  it('answers under the JSON schema in compact JSON and reuses the shared prompt prefix', async () => {
    const first = await model.complete({
      user: template('a banana'),
      jsonSchema: colorSchema,
      maxTokens: 24,
    });
    const second = await model.complete({
      user: template('a tomato'),
      jsonSchema: colorSchema,
      maxTokens: 24,
    });
    for (const answer of [first, second]) {
      expect(answer.json).toEqual({ color: expect.any(String), word: expect.any(String) });
      expect(['red', 'green', 'blue', 'yellow']).toContain((answer.json as { color: string }).color);
      expect(answer.text).not.toMatch(/\n/);
      expect(answer.stopReason).toBe('end');
      expect(answer.model).toBe('smollm2-135m-instruct');
    }
    // Everything up to "Thing: a " is shared; only the input and the assistant marker are new.
    expect(second.reusedPromptTokens).toBeGreaterThan(second.promptTokens - 10);
    expect(second.promptTokens).toBeGreaterThan(60);
  });

  it('turns JSON cut off by the token cap into a ModelOutputError naming the cap', async () => {
    const cut = model.complete({ user: template('a lemon'), jsonSchema: colorSchema, maxTokens: 3 });
    await expect(cut).rejects.toBeInstanceOf(ModelOutputError);
    await expect(cut).rejects.toThrow(/cut at the 3-token cap before the JSON was complete/);
  });

  it('refuses a prompt that would not fit the context instead of silently dropping its start', async () => {
    const long = model.complete({ user: template('a lemon '.repeat(2000)), maxTokens: 16 });
    await expect(long).rejects.toMatchObject({ reason: 'context-overflow' });
    await expect(long).rejects.toThrow(
      /exceeds the 4096-token context; shorten the input or raise model.context_size/,
    );
  });
});

describe('word-sequence answers', () => {
  const words = (over: Partial<WordSequence>): WordSequence => ({
    prefix: '{"filename": "',
    vocabulary: [],
    separator: '-',
    suffix: '.txt"}',
    minChars: 15,
    maxChars: 40,
    maxWords: 6,
    ...over,
  });
  const ask = (sequence: WordSequence, file: string) =>
    model.complete({ user: `Name this file: ${file}`, words: sequence, maxTokens: 8 });
  const stem = (text: string) => text.slice('{"filename": "'.length, -'.txt"}'.length).split('-');

  it('appends what the rules leave no choice over instead of sampling it', async () => {
    // One word fits: the whole answer is forced, nothing is sampled.
    const only = words({
      vocabulary: ['supercalifragilistic', 'acme'],
      minChars: 20,
      maxChars: 20,
      maxWords: 1,
    });
    const forced = await ask(only, 'notes.txt');
    expect(forced.text).toBe('{"filename": "supercalifragilistic.txt"}');
    expect(forced.forcedTokens).toBe(forced.completionTokens);
    expect(forced.forcedTokens).toBeGreaterThan(0);

    // Two words, both needed (30+ characters), never twice in a row: the model picks the first word;
    // the separator, the other word and the end are forced after it.
    const pair = words({ vocabulary: ['supercalifragilistic', 'expialidocious'], minChars: 30, maxWords: 2 });
    const answer = await ask(pair, 'mary-poppins-song.txt');
    expect(['supercalifragilistic-expialidocious', 'expialidocious-supercalifragilistic']).toContain(
      stem(answer.text).join('-'),
    );
    // At least the separator, the second word and the end marker were not sampled.
    expect(answer.forcedTokens).toBeGreaterThanOrEqual(3);
    expect(answer.completionTokens).toBeGreaterThan(answer.forcedTokens ?? 0);
  });

  it('meets the rules whatever mixes of sampled and forced text the model takes', async () => {
    const sequence = words({
      vocabulary: [
        'acme',
        'invoice',
        'july',
        '2025',
        'supercalifragilistic',
        'quarterly',
        'report',
        'one',
        'on',
      ],
    });
    for (const file of ['Scan 12.txt — INVOICE Acme July 2025', 'q3.txt — quarterly report', 'misc.txt']) {
      const answer = await ask(sequence, file);
      expect(answer.text.startsWith('{"filename": "') && answer.text.endsWith('.txt"}')).toBe(true);
      expect(isWordSequenceAnswer(sequence, stem(answer.text))).toBe(true);
      expect(answer.forcedTokens).toBeLessThanOrEqual(answer.completionTokens);
    }
  });
});

describe('idle unload', () => {
  const timers: { fire(): void; ms: number; cancelled: boolean }[] = [];
  const idleTimer: IdleTimer = (fire, ms) => {
    const timer = { fire, ms, cancelled: false };
    timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  };
  const queue = createModelQueue();
  let idleModel: LocalModel;

  beforeAll(async () => {
    idleModel = createLocalModel({
      modelPath: await testModelPath(),
      threads: TEST_MODEL_THREADS,
      contextSize: 512,
      idleUnloadMs: 60_000,
      idleTimer,
      queue,
    });
  });
  afterAll(() => idleModel.dispose());

  it('unloads after the idle time and loads again on the next call', async () => {
    expect(idleModel.isLoaded()).toBe(false);
    await idleModel.complete({ user: 'Say hi.', maxTokens: 1 });
    expect(idleModel.isLoaded()).toBe(true);
    await idleModel.complete({ user: 'Say hi again.', maxTokens: 1 });
    const pending = timers.filter((t) => !t.cancelled);
    expect(pending).toHaveLength(1);
    expect(pending[0]?.ms).toBe(60_000);

    pending[0]?.fire();
    await queue.run(async () => undefined);
    expect(idleModel.isLoaded()).toBe(false);

    await idleModel.complete({ user: 'Say hi.', maxTokens: 1 });
    expect(idleModel.isLoaded()).toBe(true);
  });
});
