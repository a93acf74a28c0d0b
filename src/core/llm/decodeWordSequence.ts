import {
  type Llama,
  type LlamaContextSequence,
  LlamaGrammarEvaluationState,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import type { WordSequence } from './languageModel';
import { ModelOutputError } from './modelOutputError';
import { endMarker, parseWordStep, wordStepGrammar } from './wordSequence';

export interface DecodedWords {
  text: string;
  completionTokens: number;
}

/**
 * Generates a {@link WordSequence} answer in one pass over the context sequence: the grammar allows
 * one word and its separator (or the suffix) at a time, and is replaced by the next word's grammar
 * as soon as a separator is written, so words already used can be ruled out. The prompt's evaluated
 * prefix is reused as in a normal completion; generation stops at the suffix's first character, whose
 * rest is forced and appended.
 *
 * @param maxTokensPerWord - tokens one word with its separator may take.
 */
export async function decodeWordSequence(options: {
  llama: Llama;
  model: LlamaModel;
  sequence: LlamaContextSequence;
  promptTokens: readonly Token[];
  words: WordSequence;
  maxTokensPerWord: number;
  modelId: string;
  temperature: number;
  seed?: number | undefined;
  signal?: AbortSignal | undefined;
}): Promise<DecodedWords> {
  const { llama, model, sequence, words } = options;
  const chosen: string[] = [];
  const stateFor = async (): Promise<LlamaGrammarEvaluationState> => {
    const gbnf = wordStepGrammar(words, chosen);
    if (gbnf === null) {
      throw new ModelOutputError(
        options.modelId,
        'schema',
        chosen.join(words.separator),
        'no word can follow (the vocabulary is too small for the length bounds)',
      );
    }
    return new LlamaGrammarEvaluationState({ model, grammar: await llama.createGrammar({ grammar: gbnf }) });
  };

  const input = [...options.promptTokens, ...model.tokenize(words.prefix)];
  const last = input.pop() as Token;
  await sequence.adaptStateToTokens(input, false);
  input.push(last);
  const marker = endMarker(words);
  let state = await stateFor();
  const iterator = sequence.evaluate(input.slice(sequence.nextTokenIndex), {
    temperature: options.temperature,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    grammarEvaluationState: () => state,
    yieldEogToken: true,
  });
  let step = '';
  let stepTokens = 0;
  let generated = 0;
  let ended = false;
  const fail = (why: 'schema' | 'max-tokens', detail: string) =>
    new ModelOutputError(
      options.modelId,
      why,
      `${words.prefix}${chosen.map((w) => `${w}${words.separator}`).join('')}${step}`,
      detail,
    );
  for await (const token of iterator) {
    options.signal?.throwIfAborted();
    generated++;
    stepTokens++;
    const end = model.isEogToken(token);
    if (!end) step += model.detokenize([token]);
    const done = end || (marker !== '' && step.endsWith(marker));
    if (done || step.endsWith(words.separator)) {
      const parsed = parseWordStep(words, chosen, step);
      if (!parsed)
        throw fail('schema', `word ${chosen.length + 1} is not an allowed word: ${JSON.stringify(step)}`);
      chosen.push(parsed.word);
      ended = parsed.ended;
      if (ended) break;
      step = '';
      stepTokens = 0;
      state = await stateFor();
    } else if (stepTokens >= options.maxTokensPerWord) {
      throw fail('max-tokens', `word ${chosen.length + 1} ran past ${options.maxTokensPerWord} tokens`);
    }
  }
  if (!ended) throw fail('schema', 'the answer ended before its last word');
  return {
    text: `${words.prefix}${chosen.join(words.separator)}${words.suffix}`,
    completionTokens: generated,
  };
}
