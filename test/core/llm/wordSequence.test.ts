import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WordSequence } from '../../../src/core/llm/languageModel';
import { sharedLlama } from '../../../src/core/llm/sharedLlama';
import {
  forcedText,
  isWordSequenceAnswer,
  joinedLength,
  nextWordChoices,
  parseWordStep,
  wordEndGrammar,
  wordStepGrammar,
} from '../../../src/core/llm/wordSequence';

const sequence: WordSequence = {
  prefix: '{"filename": "',
  vocabulary: ['acme', 'invoice', 'july', '2025', 'one', 'on', 'notes', 'x', 'supercalifragilistic'],
  separator: '-',
  suffix: '.pdf"}',
  minChars: 15,
  maxChars: 40,
  maxWords: 6,
};

/** A random walk through the allowed choices, as any model under the grammar could take it. */
function walk(seq: WordSequence, picks: readonly number[]): string[] {
  const words: string[] = [];
  for (const pick of picks) {
    const c = nextWordChoices(seq, words);
    const pool = [...c.continueOnly, ...c.endOnly, ...c.either];
    if (pool.length === 0) throw new Error(`dead end after ${words.join('-')}`);
    const word = pool[pick % pool.length] as string;
    words.push(word);
    const mayEnd = c.endOnly.includes(word) || (c.either.includes(word) && pick % 2 === 0);
    if (mayEnd) return words;
  }
  // Finish: keep going until an ending word comes.
  for (;;) {
    const c = nextWordChoices(seq, words);
    const end = [...c.endOnly, ...c.either][0];
    if (end !== undefined) return [...words, end];
    const next = c.continueOnly[0];
    if (next === undefined) throw new Error(`dead end after ${words.join('-')}`);
    words.push(next);
  }
}

describe('word sequences', () => {
  it('every answer a model can give meets the bounds and the repeat rules (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), (picks) => {
        const words = walk(sequence, picks);
        expect(isWordSequenceAnswer(sequence, words)).toBe(true);
        const length = joinedLength(sequence, words);
        expect(length).toBeGreaterThanOrEqual(15);
        expect(length).toBeLessThanOrEqual(40);
        expect(words.length).toBeLessThanOrEqual(6);
        words.forEach((w, i) => {
          expect(w).not.toBe(words[i - 1]);
          expect(words.filter((x) => x === w).length).toBeLessThanOrEqual(/^\d+$/.test(w) ? 1 : 2);
        });
        const bigrams = words.slice(1).map((w, i) => `${words[i]} ${w}`);
        expect(new Set(bigrams).size).toBe(bigrams.length);
      }),
    );
  });

  it('allows a word twice but never the same pair or number twice', () => {
    expect(isWordSequenceAnswer(sequence, ['acme', 'one', 'on', 'one', 'notes'])).toBe(true);
    expect(isWordSequenceAnswer(sequence, ['acme', 'notes', 'acme', 'notes'])).toBe(false);
    expect(isWordSequenceAnswer(sequence, ['2025', 'invoice', '2025'])).toBe(false);
    expect(isWordSequenceAnswer(sequence, ['invoice', 'invoice', 'july'])).toBe(false);
    // Too short to end, too long to exist.
    expect(isWordSequenceAnswer(sequence, ['acme', 'x'])).toBe(false);
    expect(isWordSequenceAnswer(sequence, ['supercalifragilistic', 'supercalifragilistic'])).toBe(false);
  });

  it('keeps alternatives apart: notFirst rules out the first words of earlier answers', () => {
    const choices = nextWordChoices({ ...sequence, notFirst: ['acme', 'invoice'] }, []);
    const first = [...choices.continueOnly, ...choices.either, ...choices.endOnly];
    expect(first).not.toContain('acme');
    expect(first).not.toContain('invoice');
    expect(first).toContain('july');
    // Only the first word: later words may be anything allowed.
    expect(nextWordChoices({ ...sequence, notFirst: ['acme'] }, ['july']).continueOnly).toContain('acme');
  });

  it('reads a step: the word, then the separator or the suffix’s first character', () => {
    expect(parseWordStep(sequence, [], 'acme-')).toEqual({ word: 'acme', ended: false });
    expect(parseWordStep(sequence, ['acme', 'invoice'], 'july.')).toEqual({ word: 'july', ended: true });
    expect(parseWordStep(sequence, [], 'acme.')).toBeNull(); // 4 characters cannot end a name
    expect(parseWordStep(sequence, [], 'acm')).toBeNull();
    expect(wordStepGrammar({ ...sequence, vocabulary: ['ab', 'cd'], maxWords: 3 }, [])).toBeNull(); // never reaches 15
  });

  it('finds the text the rules leave no choice over: the rest of the only word that fits, then what must follow it', () => {
    // "supercalifragilistic" (20 characters) is the only word starting "su"; after "acme-" it may end or go on.
    expect(forcedText(sequence, ['acme'], 'su')).toEqual({ text: 'percalifragilistic', ends: false });
    // Alone it is too short to end (15 needs more) and must go on: the separator is forced too.
    expect(forcedText({ ...sequence, minChars: 21 }, [], 'su')).toEqual({
      text: 'percalifragilistic-',
      ends: false,
    });
    // Where it must end, the end marker is forced and the answer is complete.
    expect(forcedText({ ...sequence, maxChars: 25 }, ['acme'], 'sup')).toEqual({
      text: 'ercalifragilistic.',
      ends: true,
    });
    // A choice left: "on" and "one" both start with "on"; nothing is forced before the first letter.
    expect(forcedText(sequence, ['acme'], 'on')).toEqual({ text: '', ends: false });
    expect(forcedText(sequence, ['acme'], '')).toEqual({ text: '', ends: false });
    // A word that is complete and may go on or end: the separator or the end is the model's choice.
    expect(forcedText(sequence, ['acme'], 'supercalifragilistic')).toEqual({ text: '', ends: false });
    // Whatever a valid answer has written so far, the forced text is how that answer goes on.
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), (picks) => {
        const words = walk(sequence, picks);
        const full = `${words.join('-')}.`;
        let start = 0;
        words.forEach((word, i) => {
          for (let cut = 0; cut <= word.length; cut++) {
            const { text, ends } = forcedText(sequence, words.slice(0, i), word.slice(0, cut));
            expect(full.slice(start + cut).startsWith(text)).toBe(true);
            if (ends) expect(start + cut + text.length).toBe(full.length);
          }
          start += word.length + 1;
        });
      }),
    );
  });

  it('writes grammars llama.cpp accepts', async () => {
    const llama = await sharedLlama();
    await expect(llama.createGrammar({ grammar: wordEndGrammar(sequence) })).resolves.toBeDefined();
    await expect(
      llama.createGrammar({ grammar: wordEndGrammar({ ...sequence, suffix: '' }) }),
    ).resolves.toBeDefined();
    for (const sofar of [[], ['acme'], ['acme', 'invoice', 'july']]) {
      const gbnf = wordStepGrammar(sequence, sofar);
      expect(gbnf).not.toBeNull();
      await expect(llama.createGrammar({ grammar: gbnf ?? '' })).resolves.toBeDefined();
    }
  });
});
