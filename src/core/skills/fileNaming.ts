import { z } from 'zod';
import { DEFAULT_EXAMPLE_POLICY } from '../examples/examplePolicy';
import {
  FILENAME_STEP_TOKENS,
  fileNameAnswer,
  generateFileName,
  storedFilename,
} from './fileNamingGeneration';
import { bytes, clip, field, items, text } from './presentationText';
import type { SkillDefinition } from './skillDefinition';
import { tokenF1, tokenize } from './tokenF1';

/** Stem length bounds (characters before the extension), from DESIGN §5. */
export const FILENAME_STEM_MIN = 15;
export const FILENAME_STEM_MAX = 40;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXTENSION = /^[a-z0-9]{1,10}$/;

/** Content beyond this many characters rarely changes the name but always costs prompt tokens. */
export const FILE_EXCERPT_MAX_CHARS = 400;

export const fileNamingInputSchema = z.object({
  originalName: z.string().min(1),
  /** Without the dot, e.g. `pdf`; empty for files without one. */
  extension: z.string(),
  sizeBytes: z.int().nonnegative().optional(),
  /** ISO 8601. */
  createdAt: z.string().optional(),
  modifiedAt: z.string().optional(),
  /** Text excerpt (or OCR / transcript) of the content. */
  excerpt: z.string().optional(),
  /** Non-text files: EXIF, PDF info, audio tags… */
  metadata: z.record(z.string(), z.string()).optional(),
});
export type FileNamingInput = z.infer<typeof fileNamingInputSchema>;

export const fileNamingRawOutputSchema = z.object({
  filename: z.string().min(FILENAME_STEM_MIN).max(56),
  reasoning: z.string().max(140),
  /** Two other names, or none when the run did not ask for them (see RunTemplateOptions.alternatives). */
  alternatives: z
    .array(z.string().max(56))
    .max(2)
    .refine((names) => names.length === 0 || names.length === 2, 'none or two alternatives'),
});
export type FileNamingOutput = z.infer<typeof fileNamingRawOutputSchema>;

/** Splits `a-b.pdf` into `a-b` and `pdf`; the last dot wins, a leading dot is not an extension. */
export function splitFilename(filename: string): { stem: string; extension: string } {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0) return { stem: filename, extension: '' };
  return { stem: filename.slice(0, dot), extension: filename.slice(dot + 1) };
}

/**
 * The format rule: a kebab-case stem of {@link FILENAME_STEM_MIN}–{@link FILENAME_STEM_MAX}
 * characters and a lowercase alphanumeric extension (or none).
 */
export function isValidFilename(filename: string): boolean {
  const { stem, extension } = splitFilename(filename);
  return (
    KEBAB.test(stem) &&
    stem.length >= FILENAME_STEM_MIN &&
    stem.length <= FILENAME_STEM_MAX &&
    (extension === '' || EXTENSION.test(extension))
  );
}

const formatMessage = `must be kebab-case, ${FILENAME_STEM_MIN}-${FILENAME_STEM_MAX} characters plus the extension`;

export const fileNamingOutputSchema = fileNamingRawOutputSchema.superRefine((output, ctx) => {
  if (!isValidFilename(output.filename)) {
    ctx.addIssue({ code: 'custom', path: ['filename'], message: formatMessage });
  }
  output.alternatives.forEach((alternative, index) => {
    if (!isValidFilename(alternative)) {
      ctx.addIssue({ code: 'custom', path: ['alternatives', index], message: formatMessage });
    }
  });
});

/** A user's correction may carry only the name they chose; it need not follow our format rules. */
export const fileNamingReferenceSchema = z.object({
  filename: z.string().min(1),
  reasoning: z.string().optional(),
  alternatives: z.array(z.string()).optional(),
});
export type FileNamingReference = z.infer<typeof fileNamingReferenceSchema>;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Keeps one line per field: newlines become ` | ` and runs of spaces collapse. */
function oneLine(text: string, maxChars: number): string {
  const flat = text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line.length > 0)
    .join(' | ');
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`;
}

/**
 * Formats a file for the prompt, one `key: value` per line, content flattened and cut to
 * `maxExcerptChars`.
 *
 * @param maxExcerptChars - characters of content kept. @default FILE_EXCERPT_MAX_CHARS (400)
 */
export function formatFileNamingInput(
  input: FileNamingInput,
  maxExcerptChars = FILE_EXCERPT_MAX_CHARS,
): string {
  const lines = [`name: ${input.originalName}`, `extension: ${input.extension || '(none)'}`];
  if (input.sizeBytes !== undefined) lines.push(`size: ${formatSize(input.sizeBytes)}`);
  if (input.createdAt !== undefined) lines.push(`created: ${input.createdAt.slice(0, 10)}`);
  if (input.modifiedAt !== undefined) lines.push(`modified: ${input.modifiedAt.slice(0, 10)}`);
  if (input.metadata !== undefined) {
    const pairs = Object.entries(input.metadata).map(([key, value]) => `${key}=${value}`);
    if (pairs.length > 0) lines.push(`metadata: ${oneLine(pairs.join('; '), maxExcerptChars)}`);
  }
  if (input.excerpt !== undefined && input.excerpt.trim() !== '') {
    lines.push(`content: ${oneLine(input.excerpt, maxExcerptChars)}`);
  }
  return lines.join('\n');
}

function bigrams(tokens: readonly string[]): string[] {
  return tokens.slice(1).map((token, i) => `${tokens[i]} ${token}`);
}

/**
 * Word overlap of the stems, plus format validity and extension agreement:
 * `0.75·words + 0.15·valid + 0.10·sameExtension`, where `words = 0.85·tokenF1 + 0.15·bigramF1` so the
 * same words in another order score a little under the reference's order. An exact match is 1 even
 * when the reference breaks our format rules: the user's own choice is right by definition.
 */
export function scoreFileNaming(output: FileNamingOutput, reference: FileNamingReference): number {
  const predicted = output.filename.trim();
  const wanted = reference.filename.trim();
  if (predicted === wanted) return 1;
  const p = splitFilename(predicted);
  const r = splitFilename(wanted);
  const pTokens = tokenize(p.stem);
  const rTokens = tokenize(r.stem);
  const words = 0.85 * tokenF1(pTokens, rTokens) + 0.15 * tokenF1(bigrams(pTokens), bigrams(rTokens));
  const valid = isValidFilename(predicted) ? 1 : 0;
  const sameExtension = p.extension.toLowerCase() === r.extension.toLowerCase() ? 1 : 0;
  return 0.75 * words + 0.15 * valid + 0.1 * sameExtension;
}

export const fileNamingPromptV1 = `You rename files. Read the file details and reply with a clear, descriptive filename.
Rules:
- kebab-case: lowercase words joined by hyphens, no spaces or underscores
- 15-40 characters before the extension; keep the original extension
- subject first (who or what), then the document type, then a date if it matters
- use names, places and dates from the content; drop words like untitled, copy, final, scan, img
- reasoning: one short sentence; alternatives: two other good names
Reply with JSON only.

name: Scan 12.pdf
extension: pdf
content: INVOICE | Acme Corp | Invoice date: 31 July 2025 | Total due: $1,240.00
{"filename":"acme-invoice-july-2025.pdf","reasoning":"An Acme Corp invoice dated July 2025.","alternatives":["acme-corp-invoice-2025-07.pdf","invoice-acme-corp-july-2025.pdf"]}

name: IMG_4412.txt
extension: txt
content: OCR: Boarding pass | LHR to JFK | Flight BA117 | 14 Mar 2025
{"filename":"ba117-london-new-york-boarding-pass.txt","reasoning":"OCR of a boarding pass for flight BA117.","alternatives":["boarding-pass-lhr-jfk-mar-2025.txt","ba117-boarding-pass-2025-03-14.txt"]}

name: new.md
extension: md
content: # Garden plan | - tomatoes by the south fence | - compost bin near the shed
{"filename":"vegetable-garden-plan.md","reasoning":"Notes planning what goes where in the garden.","alternatives":["garden-planting-layout.md","backyard-garden-plan-notes.md"]}

{{input}}
`;

export const fileNaming: SkillDefinition<FileNamingInput, FileNamingOutput, FileNamingReference> = {
  id: 'file-naming',
  name: 'File naming',
  description:
    'Suggest a descriptive kebab-case filename (15-40 characters plus the original extension) for a file, ' +
    'from its current name, size, dates and a text excerpt or metadata, with a one-sentence reason and two ' +
    'alternative names.',
  evolveAutomatically: true,
  inputSchema: fileNamingInputSchema,
  rawOutputSchema: fileNamingRawOutputSchema,
  outputSchema: fileNamingOutputSchema,
  referenceSchema: fileNamingReferenceSchema,
  promptV1: fileNamingPromptV1,
  examplePolicyV1: DEFAULT_EXAMPLE_POLICY,
  // Per word step: names are generated a word at a time (see generateFileName).
  maxOutputTokens: FILENAME_STEP_TOKENS,
  formatInput: (input) => formatFileNamingInput(input),
  score: scoreFileNaming,
  demonstration: (output) => {
    const filename = storedFilename(output);
    return filename === null ? null : fileNameAnswer(filename);
  },
  shapedByPhrase: 'named like',
  presentation: {
    taskLine: (input) => {
      const excerpt = text(field(input, 'excerpt'));
      const parts = [text(field(input, 'originalName')), bytes(field(input, 'sizeBytes'))];
      if (excerpt) parts.push(`“${clip(excerpt, 48)}”`);
      return clip(parts.filter(Boolean).join(' · ')) || 'a file';
    },
    outputLine: (output) => text(field(output, 'filename')) ?? JSON.stringify(output),
    outputLines: (output) => {
      const alternatives = items(field(output, 'alternatives'));
      return [
        `Proposed name: ${String(field(output, 'filename'))}`,
        `  why: ${String(field(output, 'reasoning'))}`,
        ...(alternatives.length > 0 ? [`  or: ${alternatives.join(', ')}`] : []),
        '  (nothing was renamed)',
      ];
    },
    correctionExample: '{"filename": "…"}',
    question: 'Which file name is better?',
    watchYield: 'a name for each new file',
    intakeVerb: 'Naming',
    suggestionLine: (detail) => `→ ${String(field(detail, 'to'))}`,
    suggestionCard: (detail, file) => ({
      title: 'Rename this file?',
      line: `${text(field(detail, 'from')) ?? file.name} → ${text(field(detail, 'to')) ?? ''}`,
    }),
    suggestionNotice: (detail, file) => ({
      title: `Rename ${clip(text(field(detail, 'from')) ?? file.name, 48)}?`,
      body: `→ ${clip(text(field(detail, 'to')) ?? '', 80)}`,
      actions: ['Rename', 'Keep Name'],
    }),
  },
  suggestionAnswers: ['edit'],
  exampleLabel: storedFilename,
  generate: (call) => generateFileName(call, FILE_EXCERPT_MAX_CHARS),
};
