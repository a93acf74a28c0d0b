import type { WordSequence } from '../../src/core/llm/languageModel';
import { nextWordChoices } from '../../src/core/llm/wordSequence';

/**
 * What a stand-in model answers to a word-sequence request: the preferred words in order wherever the
 * sequence's rules allow them, then any allowed word, ending as soon as `wanted` words are written
 * and the answer may end. The text is what a real adapter returns: prefix, words, suffix.
 */
export function scriptedWordAnswer(
  sequence: WordSequence,
  preferred: readonly string[],
  wanted: number,
): string {
  const words: string[] = [];
  for (;;) {
    const choices = nextWordChoices(sequence, words);
    const canEnd = [...choices.endOnly, ...choices.either];
    const canGoOn = [...choices.continueOnly, ...choices.either];
    const pick = (pool: readonly string[]) =>
      preferred.find((w) => pool.includes(w) && !words.includes(w)) ?? pool[0];
    if (words.length + 1 >= wanted || canGoOn.length === 0) {
      const last = pick(canEnd);
      if (last !== undefined) {
        words.push(last);
        break;
      }
    }
    const next = pick(canGoOn);
    if (next === undefined) throw new Error('scripted words: dead end');
    words.push(next);
  }
  return `${sequence.prefix}${words.join(sequence.separator)}${sequence.suffix}`;
}
