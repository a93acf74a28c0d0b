import type { Completion, WordSequence } from '../llm/languageModel';
import type { FileNamingInput, FileNamingOutput } from './fileNaming';
import { FILENAME_STEM_MAX, FILENAME_STEM_MIN, splitFilename } from './fileNaming';
import {
  DOCUMENT_TYPE_WORDS,
  fileNamingVocabulary,
  inputWords,
  MONTHS,
  plainWords,
} from './fileNamingVocabulary';
import type { GenerateCall, Generated } from './skillDefinition';

/** Words in a name; with the length bounds this is never what stops a good name. */
export const FILENAME_MAX_WORDS = 6;
/** Tokens per word step: the longest allowed word plus the separator or the closing suffix. */
export const FILENAME_STEP_TOKENS = 16;
/** The answer as the model writes it, in demonstrations and generation alike. */
export const FILENAME_PREFIX = '{"filename": "';

/** The assistant text of a name, as {@link generateFileName} has the model write it. */
export function fileNameAnswer(filename: string): string {
  return `{"filename": ${JSON.stringify(filename)}}`;
}

/** The filename of a stored output or correction, if it has one. */
export function storedFilename(output: unknown): string | null {
  if (output === null || typeof output !== 'object') return null;
  const filename = (output as { filename?: unknown }).filename;
  return typeof filename === 'string' && filename.trim() !== '' ? filename.trim() : null;
}

/**
 * The text of a file the name may draw words from: its name, metadata and content (with the dates
 * these carry). Not its file-system times: a download's or a copy's date says nothing about the
 * document, and the model reached for those numbers before any other word.
 */
export function fileOwnText(input: FileNamingInput, maxExcerptChars: number): string {
  return [
    splitFilename(input.originalName).stem,
    ...Object.values(input.metadata ?? {}),
    (input.excerpt ?? '').slice(0, maxExcerptChars),
  ].join('\n');
}

/** The constraint every proposed name is generated under: kebab-case, 15–40 characters, the file's own extension. */
export function fileNameSequence(input: FileNamingInput, vocabulary: readonly string[]): WordSequence {
  const extension = input.extension.toLowerCase();
  return {
    prefix: FILENAME_PREFIX,
    vocabulary,
    separator: '-',
    suffix: `${extension === '' ? '' : `.${extension}`}"}`,
    minChars: FILENAME_STEM_MIN,
    maxChars: FILENAME_STEM_MAX,
    maxWords: FILENAME_MAX_WORDS,
  };
}

function nameOf(sequence: WordSequence, text: string): string {
  return text.slice(sequence.prefix.length, text.length - 2);
}

function mergeCompletions(completions: readonly Completion[], output: unknown): Completion {
  const first = completions[0];
  if (!first) throw new Error('no completion to merge');
  return {
    ...first,
    text: JSON.stringify(output),
    json: output,
    completionTokens: completions.reduce((s, c) => s + c.completionTokens, 0),
    latencyMs: completions.reduce((s, c) => s + c.latencyMs, 0),
  };
}

const TYPE_WORDS = new Set<string>(DOCUMENT_TYPE_WORDS);
const MONTH_WORDS = new Set<string>([...MONTHS, ...MONTHS.map((m) => m.slice(0, 3))]);

/** One sentence on where the name's words came from (the model writes only the name). */
export function explainName(filename: string, ownText: string): string {
  const own = new Set(inputWords(ownText));
  const words = plainWords(splitFilename(filename).stem);
  const fromFile = words.filter((w) => own.has(w) && !TYPE_WORDS.has(w));
  const kind = words.filter((w) => TYPE_WORDS.has(w) && !own.has(w));
  const style = words.filter((w) => !own.has(w) && !TYPE_WORDS.has(w) && !MONTH_WORDS.has(w));
  const parts: string[] = [];
  if (fromFile.length > 0) parts.push(`${fromFile.join(', ')} from the file`);
  if (kind.length > 0) parts.push(`${kind.join(', ')} for the kind of document`);
  if (style.length > 0) parts.push(`${style.join(', ')} as you name similar files`);
  const sentence = parts.length > 0 ? `Uses ${parts.join('; ')}.` : 'Named from the file’s words.';
  return sentence.length <= 140 ? sentence : `${sentence.slice(0, 138)}….`;
}

/**
 * The file-naming generation: the proposal word by word under {@link fileNameSequence} (greedy),
 * then, when the call asks for them, two alternatives that start with other words than the proposal
 * and each other, so all three are distinct and valid by construction (each costs about as much as
 * the proposal, so a run shown without them does not pay for them). The model writes names only; the reasoning is composed here.
 *
 * @param maxExcerptChars - content characters the name may draw words from (those the prompt shows).
 */
export async function generateFileName(
  call: GenerateCall<FileNamingInput>,
  maxExcerptChars: number,
): Promise<Generated<FileNamingOutput>> {
  const ownText = fileOwnText(call.input, maxExcerptChars);
  const vocabulary = fileNamingVocabulary(
    ownText,
    call.demonstrations.flatMap((d) => {
      const filename = storedFilename(d.output);
      return filename ? [{ inputText: d.inputText, filename }] : [];
    }),
  );
  const sequence = fileNameSequence(call.input, vocabulary);
  const ask = (notFirst: readonly string[]) =>
    call.model.complete({
      ...call.request,
      words: { ...sequence, notFirst },
      maxTokens: FILENAME_STEP_TOKENS,
    });
  const completions = [await ask([])];
  const names = [nameOf(sequence, completions[0]?.text ?? '')];
  if (call.alternatives && !call.scoreOnly) {
    for (let i = 0; i < 2; i++) {
      const firstWords = names.map((n) => n.split(sequence.separator)[0] ?? '');
      const completion = await ask(firstWords);
      completions.push(completion);
      names.push(nameOf(sequence, completion.text));
    }
  }
  const [filename = '', ...alternatives] = names;
  const output: FileNamingOutput = {
    filename,
    reasoning: call.scoreOnly ? '' : explainName(filename, ownText),
    alternatives,
  };
  return { output, completion: mergeCompletions(completions, output) };
}
