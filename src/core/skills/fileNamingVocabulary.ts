import { tokenize } from './tokenF1';

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

const MONTH_BY_ABBREVIATION = new Map<string, string>([
  ...MONTHS.map((m): [string, string] => [m.slice(0, 3), m]),
  ['sept', 'september'],
]);

/**
 * What kind of document a file is: the words a name may add that the file itself rarely says. A
 * generic list of document kinds; a user's own type words come from their corrections instead (see
 * {@link styleWords}).
 */
export const DOCUMENT_TYPE_WORDS = [
  'agreement',
  'application',
  'article',
  'backup',
  'booking',
  'budget',
  'checklist',
  'confirmation',
  'config',
  'contract',
  'cv',
  'data',
  'draft',
  'export',
  'form',
  'guide',
  'ideas',
  'invoice',
  'itinerary',
  'letter',
  'list',
  'log',
  'manual',
  'memo',
  'minutes',
  'notes',
  'paper',
  'photo',
  'plan',
  'presentation',
  'proposal',
  'query',
  'readme',
  'receipt',
  'recipe',
  'report',
  'request',
  'resume',
  'results',
  'review',
  'schedule',
  'screenshot',
  'script',
  'settings',
  'slides',
  'speech',
  'statement',
  'summary',
  'template',
  'ticket',
  'tracker',
  'transcript',
  'workflow',
] as const;

/** Words that carry nothing in a name: function words, and the junk the v1 prompt tells the model to drop. */
const DROPPED = new Set(
  (
    'a an the of and or to for with in on at by from is are was were be been this that these those it its as ' +
    'my our your me i we you he she they his her their them so if but not no yes do does did have has had ' +
    'will would can could should just also then than there here what when where who how all any each per ' +
    'via about into over under up out off re vs etc am pm ' +
    'untitled copy final scan img image document doc file new untitled1 dsc dscn pxl'
  ).split(' '),
);

const WORD = /^[a-z0-9]+$/;
const MAX_WORD_CHARS = 24;
/** Input words kept, in order of appearance; a long excerpt's tail adds grammar size, not names. */
export const MAX_INPUT_WORDS = 120;

/** Lowercase ASCII words of a text: diacritics folded, possessive `'s` dropped, split like {@link tokenize}. */
export function plainWords(text: string): string[] {
  return tokenize(
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/['’]s\b/gi, ''),
  ).filter((w) => WORD.test(w));
}

function expandDates(words: readonly string[], text: string): string[] {
  const out: string[] = [];
  for (const word of words) {
    const full = MONTH_BY_ABBREVIATION.get(word);
    if (full) out.push(full);
    if ((MONTHS as readonly string[]).includes(word)) out.push(word.slice(0, 3));
  }
  for (const match of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const month = MONTHS[Number(match[2]) - 1];
    if (month) out.push(match[1] ?? '', month, month.slice(0, 3));
  }
  return out;
}

/** Content words of a text as a name may use them. */
export function inputWords(text: string): string[] {
  const words = plainWords(text);
  return [...words, ...expandDates(words, text)].filter(
    (w) => w.length <= MAX_WORD_CHARS && !DROPPED.has(w) && !(w.length === 1 && !/\d/.test(w)),
  );
}

/**
 * The words a user added when naming a file that its own input did not contain (`voice-memo` for a
 * transcript, `one-on-one` for `1:1`): their style, which may be offered for similar files. The
 * demonstration's content words are not (copying those would name one file after another).
 */
export function styleWords(demonstrationInput: string, filename: string): string[] {
  const own = new Set(plainWords(demonstrationInput));
  const dot = filename.lastIndexOf('.');
  const stem = dot > 0 ? filename.slice(0, dot) : filename;
  return plainWords(stem).filter((w) => !own.has(w) && w.length <= MAX_WORD_CHARS);
}

/**
 * Every word a proposed name may use: the file's own words (name, content, metadata, dates), month
 * names, the document-type words, and the style words of the demonstrations shown. So a name can
 * neither copy another file's name nor invent a word the file does not support.
 */
export function fileNamingVocabulary(
  ownText: string,
  demonstrations: readonly { inputText: string; filename: string }[] = [],
): string[] {
  const words = new Set(inputWords(ownText).slice(0, MAX_INPUT_WORDS));
  for (const d of demonstrations) for (const w of styleWords(d.inputText, d.filename)) words.add(w);
  for (const w of DOCUMENT_TYPE_WORDS) words.add(w);
  for (const m of MONTHS) words.add(m);
  return [...words];
}
