import type { Llama, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import type { WordSequence } from './languageModel';
import { ModelOutputError } from './modelOutputError';
import { loadNodeLlamaCpp } from './nodeLlamaCpp';
import { endMarker, forcedText, parseWordStep, wordEndGrammar, wordStepGrammar } from './wordSequence';

export interface DecodedWords {
  text: string;
  /** Answer tokens: sampled plus forced. */
  completionTokens: number;
  /** Answer tokens the grammar left no choice over, appended and evaluated in one batch. */
  forcedTokens: number;
}

/**
 * Generates a {@link WordSequence} answer in one pass over the context sequence: the grammar allows
 * one word and its separator (or the suffix) at a time, and is replaced by the next word's grammar
 * as soon as a separator is written, so words already used can be ruled out. Text the rules leave
 * no choice over (the rest of the only word that fits, a separator that must follow) is appended
 * and evaluated in one batch instead of sampled token by token, which on a CPU costs a fraction of
 * a generated token each. The prompt's evaluated prefix is reused as in a normal completion;
 * generation stops at the suffix's first character, whose rest is forced and appended.
 *
 * @param maxTokensPerWord - sampled tokens one word with its separator may take.
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
  const { LlamaGrammarEvaluationState } = await loadNodeLlamaCpp();
  const marker = endMarker(words);
  const chosen: string[] = [];
  let step = '';
  let stepTokens = 0;
  let sampled = 0;
  let forced = 0;
  const fail = (why: 'schema' | 'max-tokens', detail: string) =>
    new ModelOutputError(
      options.modelId,
      why,
      `${words.prefix}${chosen.map((w) => `${w}${words.separator}`).join('')}${step}`,
      detail,
    );
  const grammarState = async (gbnf: string) =>
    new LlamaGrammarEvaluationState({ model, grammar: await llama.createGrammar({ grammar: gbnf }) });
  const nextWordState = () => {
    const gbnf = wordStepGrammar(words, chosen);
    if (gbnf === null) {
      throw new ModelOutputError(
        options.modelId,
        'schema',
        chosen.join(words.separator),
        'no word can follow (the vocabulary is too small for the length bounds)',
      );
    }
    return grammarState(gbnf);
  };
  /** Closes the step when its text is complete: `ended`, `next` (a new word starts) or `open`. */
  const closeStep = async (end: boolean): Promise<'ended' | 'next' | 'open'> => {
    const complete = end || (marker !== '' && step.endsWith(marker)) || step.endsWith(words.separator);
    if (!complete) return 'open';
    const parsed = parseWordStep(words, chosen, step);
    if (!parsed)
      throw fail('schema', `word ${chosen.length + 1} is not an allowed word: ${JSON.stringify(step)}`);
    chosen.push(parsed.word);
    if (parsed.ended) return 'ended';
    step = '';
    stepTokens = 0;
    state = await nextWordState();
    return 'next';
  };

  // Every token that belongs in the context; evaluation catches up from the sequence's position.
  const context = [...options.promptTokens, ...model.tokenize(words.prefix)];
  const last = context.pop() as Token;
  await sequence.adaptStateToTokens(context, false);
  context.push(last);
  let state = await nextWordState();
  for (;;) {
    const free = forcedText(words, chosen, step);
    if (free.text !== '') {
      const tokens = model.tokenize(free.text);
      context.push(...tokens);
      forced += tokens.length;
      step += free.text;
      const closed = await closeStep(free.ends);
      if (closed === 'ended') break;
      // The word is complete but may go on or end: only the separator or the end marker is left.
      if (closed === 'open') state = await grammarState(wordEndGrammar(words));
      continue;
    }
    const iterator = sequence.evaluate(context.slice(sequence.nextTokenIndex), {
      temperature: options.temperature,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      grammarEvaluationState: () => state,
      yieldEogToken: true,
    });
    let outcome: 'ended' | 'forced' | 'exhausted' = 'exhausted';
    for await (const token of iterator) {
      options.signal?.throwIfAborted();
      sampled++;
      stepTokens++;
      const end = model.isEogToken(token);
      if (!end) {
        context.push(token);
        step += model.detokenize([token]);
      }
      const closed = await closeStep(end);
      if (closed === 'ended') {
        outcome = 'ended';
        break;
      }
      if (closed === 'open' && stepTokens >= options.maxTokensPerWord)
        throw fail('max-tokens', `word ${chosen.length + 1} ran past ${options.maxTokensPerWord} tokens`);
      if (forcedText(words, chosen, step).text !== '') {
        outcome = 'forced';
        break;
      }
    }
    if (outcome === 'ended') break;
    if (outcome === 'exhausted') throw fail('schema', 'the answer ended before its last word');
  }
  return {
    text: `${words.prefix}${chosen.join(words.separator)}${words.suffix}`,
    completionTokens: sampled + forced,
    forcedTokens: forced,
  };
}
