import { MAX_WORD_REPEATS, type WordSequence } from './languageModel';

const WORD = /^[a-z0-9]+$/;
/** A number never repeats (`2025-2025`, `12-3-12`): only words may, e.g. "one-on-one". */
const NUMBER = /^[0-9]+$/;

/** Joined length of `words` with the sequence's separator. */
export function joinedLength(sequence: WordSequence, words: readonly string[]): number {
  return (
    words.reduce((sum, w) => sum + w.length, 0) + Math.max(0, words.length - 1) * sequence.separator.length
  );
}

/** The distinct usable words of a sequence's vocabulary, in their first order. */
export function usableVocabulary(sequence: WordSequence): string[] {
  return [...new Set(sequence.vocabulary)].filter((w) => WORD.test(w) && w.length <= sequence.maxChars);
}

/**
 * Whether `c` words totalling `n` characters can still be finished, counting only word lengths that
 * at least three distinct words have: whatever the repeat rules rule out later (the last word, a
 * used number, a used pair), one of them is still free. Conservative, so a path it allows exists.
 */
function deepReachability(sequence: WordSequence, vocabulary: readonly string[]) {
  const perLength = new Map<number, number>();
  for (const w of vocabulary) perLength.set(w.length, (perLength.get(w.length) ?? 0) + 1);
  const lengths = [...perLength].filter(([, count]) => count >= 3).map(([length]) => length);
  const memo = new Map<number, boolean>();
  const sep = sequence.separator.length;
  const reach = (n: number, c: number): boolean => {
    if (c > 0 && n >= sequence.minChars && n <= sequence.maxChars) return true;
    if (c >= sequence.maxWords) return false;
    const key = n * 64 + c;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const start = c === 0 ? 0 : n + sep;
    const result = lengths.some(
      (length) => start + length <= sequence.maxChars && reach(start + length, c + 1),
    );
    memo.set(key, result);
    return result;
  };
  return reach;
}

/** The words the repeat rules and `notFirst` allow after `sofar`, ignoring lengths. */
function allowedAfter(
  sequence: WordSequence,
  vocabulary: readonly string[],
  sofar: readonly string[],
): string[] {
  const counts = new Map<string, number>();
  for (const w of sofar) counts.set(w, (counts.get(w) ?? 0) + 1);
  const notFirst = new Set(sofar.length === 0 ? (sequence.notFirst ?? []) : []);
  const last = sofar.at(-1);
  const bigrams = new Set(sofar.slice(1).map((w, i) => `${sofar[i]} ${w}`));
  return vocabulary.filter(
    (word) =>
      word !== last &&
      (counts.get(word) ?? 0) < (NUMBER.test(word) ? 1 : MAX_WORD_REPEATS) &&
      !bigrams.has(`${last} ${word}`) &&
      !notFirst.has(word),
  );
}

export interface WordChoices {
  /** Words after which the answer must go on. */
  continueOnly: string[];
  /** Words after which the answer must end. */
  endOnly: string[];
  /** Words after which it may do either. */
  either: string[];
}

/**
 * The words allowed next after `sofar`, by what may follow them. A word may be followed only if some
 * allowed next word fits and leads on to a complete answer (checked exactly one word ahead, then
 * conservatively), so decoding never walks into a dead end.
 */
export function nextWordChoices(sequence: WordSequence, sofar: readonly string[]): WordChoices {
  const vocabulary = usableVocabulary(sequence);
  const reach = deepReachability(sequence, vocabulary);
  const sep = sequence.separator.length;
  const c = sofar.length;
  const start = c === 0 ? 0 : joinedLength(sequence, sofar) + sep;
  const choices: WordChoices = { continueOnly: [], endOnly: [], either: [] };
  for (const word of allowedAfter(sequence, vocabulary, sofar)) {
    const length = start + word.length;
    if (length > sequence.maxChars) continue;
    const canEnd = length >= sequence.minChars;
    const goOn =
      c + 1 < sequence.maxWords &&
      allowedAfter(sequence, vocabulary, [...sofar, word]).some((next) => {
        const after = length + sep + next.length;
        return after <= sequence.maxChars && reach(after, c + 2);
      });
    if (canEnd && goOn) choices.either.push(word);
    else if (canEnd) choices.endOnly.push(word);
    else if (goOn) choices.continueOnly.push(word);
  }
  return choices;
}

const literal = (text: string) => JSON.stringify(text);
const alternatives = (words: readonly string[]) => `(${words.map(literal).join(' | ')})`;

/**
 * What a word step generates to end the answer: the suffix's first character only. The rest of the
 * suffix is then the only text the grammar allows, so it is appended rather than generated (each
 * generated token costs a full evaluation; a `.pdf"}` suffix is 3–4 of them).
 */
export function endMarker(sequence: WordSequence): string {
  return sequence.suffix.slice(0, 1);
}

/**
 * GBNF for the next word: one allowed word, then the separator or the {@link endMarker} as
 * {@link nextWordChoices} permits. Null when nothing may follow (a dead end).
 */
export function wordStepGrammar(sequence: WordSequence, sofar: readonly string[]): string | null {
  const choices = nextWordChoices(sequence, sofar);
  const sep = literal(sequence.separator);
  const end = literal(endMarker(sequence));
  const rules: string[] = [];
  if (choices.continueOnly.length > 0) rules.push(`${alternatives(choices.continueOnly)} ${sep}`);
  if (choices.endOnly.length > 0) rules.push(`${alternatives(choices.endOnly)} ${end}`);
  if (choices.either.length > 0) rules.push(`${alternatives(choices.either)} (${sep} | ${end})`);
  return rules.length === 0 ? null : `root ::= ${rules.join(' | ')}`;
}

/**
 * The text the rules leave no choice over after `step` (the current word's characters so far): the
 * rest of the only allowed word that starts with it, then the separator when that word must go on
 * or the {@link endMarker} when it must end (`ends`). Empty when the next character is a choice, so
 * a decoder can append it instead of generating it token by token.
 */
export function forcedText(
  sequence: WordSequence,
  sofar: readonly string[],
  step: string,
): { text: string; ends: boolean } {
  const none = { text: '', ends: false };
  if (step.includes(sequence.separator)) return none;
  const choices = nextWordChoices(sequence, sofar);
  const candidates = [...choices.continueOnly, ...choices.endOnly, ...choices.either].filter((w) =>
    w.startsWith(step),
  );
  const word = candidates[0];
  if (candidates.length !== 1 || word === undefined) return none;
  const rest = word.slice(step.length);
  if (choices.continueOnly.includes(word)) return { text: rest + sequence.separator, ends: false };
  if (choices.endOnly.includes(word)) return { text: rest + endMarker(sequence), ends: true };
  return { text: rest, ends: false };
}

/** GBNF for the end of a complete word that may go on or end: the separator or the {@link endMarker}. */
export function wordEndGrammar(sequence: WordSequence): string {
  return `root ::= ${literal(sequence.separator)} | ${literal(endMarker(sequence))}`;
}

/**
 * Reads one step's generated text (a word, then the separator or the {@link endMarker}): the word and
 * whether the answer ended. Null when the text is not an allowed step (the adapter then reports a
 * model output error).
 */
export function parseWordStep(
  sequence: WordSequence,
  sofar: readonly string[],
  text: string,
): { word: string; ended: boolean } | null {
  const marker = endMarker(sequence);
  const continued = text.endsWith(sequence.separator);
  // An empty suffix ends the answer at end of text, i.e. whenever no separator follows the word.
  const ended = marker === '' ? !continued : text.endsWith(marker);
  const bare = ended
    ? text.slice(0, text.length - marker.length)
    : continued
      ? text.slice(0, -sequence.separator.length)
      : text;
  const choices = nextWordChoices(sequence, sofar);
  const allowed = ended
    ? [...choices.endOnly, ...choices.either]
    : [...choices.continueOnly, ...choices.either];
  return allowed.includes(bare) ? { word: bare, ended } : null;
}

/** Whether a whole answer (without prefix and suffix) meets the sequence's rules. */
export function isWordSequenceAnswer(sequence: WordSequence, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const choices = nextWordChoices(sequence, words.slice(0, i));
    const last = i === words.length - 1;
    const allowed = last
      ? [...choices.endOnly, ...choices.either]
      : [...choices.continueOnly, ...choices.either];
    if (!allowed.includes(words[i] ?? '')) return false;
  }
  return words.length > 0;
}
