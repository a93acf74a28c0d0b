import { z } from 'zod';
import { DEFAULT_EXAMPLE_POLICY } from '../examples/examplePolicy';
import { markdownDiff } from './markdownDiff';
import { clip as clipLine, field, items, text } from './presentationText';
import { quoteLabel } from './quoteLabel';
import type { SkillDefinition } from './skillDefinition';
import { matchF1, textF1, weightedMean } from './tokenF1';

export const markdownAnalysisInputSchema = z.object({
  previous: z.string(),
  current: z.string(),
  path: z.string().optional(),
});
export type MarkdownAnalysisInput = z.infer<typeof markdownAnalysisInputSchema>;

export const MARKDOWN_CHANGE_TYPES = ['added', 'removed', 'modified'] as const;
export const MARKDOWN_IMPORTANCE = ['high', 'medium', 'low'] as const;

const changeSchema = z.object({
  type: z.enum(MARKDOWN_CHANGE_TYPES),
  importance: z.enum(MARKDOWN_IMPORTANCE),
  section: z.string().max(60),
  summary: z.string().min(1).max(120),
});
export type MarkdownChange = z.infer<typeof changeSchema>;

export const markdownAnalysisRawOutputSchema = z.object({
  changes: z.array(changeSchema).max(6),
  executiveSummary: z.string().max(200),
});
export type MarkdownAnalysisOutput = z.infer<typeof markdownAnalysisRawOutputSchema>;

export const markdownAnalysisOutputSchema = markdownAnalysisRawOutputSchema.superRefine((output, ctx) => {
  if (output.executiveSummary.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['executiveSummary'], message: 'executive summary is empty' });
  }
  output.changes.forEach((change, index) => {
    if (change.summary.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['changes', index, 'summary'],
        message: 'change summary is empty',
      });
    }
  });
});

export const markdownAnalysisReferenceSchema = z.object({
  changes: z.array(changeSchema.partial({ importance: true, summary: true })),
  executiveSummary: z.string().optional(),
});
export type MarkdownAnalysisReference = z.infer<typeof markdownAnalysisReferenceSchema>;

/** Diff lines shown to the model; beyond this the analysis is of the first part only. */
export const MARKDOWN_DIFF_MAX_SHOWN = 60;
const LINE_MAX_CHARS = 160;

function clip(text: string): string {
  return text.length <= LINE_MAX_CHARS ? text : `${text.slice(0, LINE_MAX_CHARS - 1)}…`;
}

/**
 * Shows the model the changed lines grouped under their section headings rather than both whole
 * documents: a fraction of the prompt tokens, and a 360M model cannot diff two pages reliably.
 *
 * @param maxShown - diff lines shown. @default MARKDOWN_DIFF_MAX_SHOWN (60)
 */
export function formatMarkdownAnalysisInput(
  input: MarkdownAnalysisInput,
  maxShown = MARKDOWN_DIFF_MAX_SHOWN,
): string {
  const diff = markdownDiff(input.previous, input.current);
  const out: string[] = [];
  if (input.path !== undefined) out.push(`file: ${input.path}`);
  if (diff.length === 0) {
    out.push('diff: no changes');
    return out.join('\n');
  }
  out.push('diff:');
  let section: string | undefined;
  for (const change of diff.slice(0, maxShown)) {
    if (change.section !== section) {
      section = change.section;
      out.push(`[${section || 'top'}]`);
    }
    out.push(`${change.kind === 'added' ? '+' : '-'} ${clip(change.text)}`);
  }
  if (diff.length > maxShown) out.push(`(${diff.length - maxShown} more changed lines not shown)`);
  return out.join('\n');
}

/** The section labels a task's diff shows (`top` before the first heading), in order. */
export function shownSections(input: MarkdownAnalysisInput, maxShown = MARKDOWN_DIFF_MAX_SHOWN): string[] {
  return [
    ...new Set(
      markdownDiff(input.previous, input.current)
        .slice(0, maxShown)
        .map((c) => c.section || 'top'),
    ),
  ];
}

/** What the model may write for one task: changes only in sections the diff shows. */
export function markdownAnalysisSchemaFor(input: MarkdownAnalysisInput): Record<string, unknown> {
  const sections = shownSections(input);
  const text = (maxLength: number) => ({ type: 'string', maxLength });
  return {
    type: 'object',
    properties: {
      changes: {
        type: 'array',
        maxItems: sections.length === 0 ? 0 : 5,
        items: {
          type: 'object',
          properties: {
            type: { enum: [...MARKDOWN_CHANGE_TYPES] },
            importance: { enum: [...MARKDOWN_IMPORTANCE] },
            section: sections.length === 0 ? text(60) : { enum: sections },
            summary: { type: 'string', minLength: 1, maxLength: 80 },
          },
          required: ['type', 'importance', 'section', 'summary'],
        },
      },
      executiveSummary: { type: 'string', minLength: 1, maxLength: 160 },
    },
    required: ['changes', 'executiveSummary'],
  };
}

/** A stored output or correction as the model writes it; a correction without importance or summary gets neutral ones. */
export function markdownAnalysisDemonstration(output: unknown): string | null {
  const parsed = markdownAnalysisReferenceSchema.safeParse(output);
  if (!parsed.success) return null;
  return JSON.stringify({
    changes: parsed.data.changes.map((c) => ({
      type: c.type,
      importance: c.importance ?? 'medium',
      section: c.section,
      summary: c.summary ?? `${c.type} ${c.section}`.trim(),
    })),
    executiveSummary: parsed.data.executiveSummary ?? '',
  });
}

function markdownAnalysisLabel(output: unknown): string | null {
  const parsed = markdownAnalysisReferenceSchema.safeParse(output);
  if (!parsed.success) return null;
  const text = parsed.data.executiveSummary?.trim() || parsed.data.changes[0]?.summary?.trim();
  return text ? quoteLabel(text) : null;
}

type ReferenceChange = MarkdownAnalysisReference['changes'][number];

/** Sections must share most words to be the same change; then type and importance refine the match. */
function changeSimilarity(predicted: MarkdownChange, reference: ReferenceChange): number {
  const section = textF1(predicted.section, reference.section);
  if (section < 0.5) return 0;
  return weightedMean([
    [0.6, section],
    [0.25, predicted.type === reference.type ? 1 : 0],
    [
      0.15,
      reference.importance === undefined ? undefined : predicted.importance === reference.importance ? 1 : 0,
    ],
  ]);
}

/**
 * Change-set overlap: soft F1 of predicted against reference changes, matched one-to-one by section
 * (token F1 ≥ 0.5), type and importance. Summaries are left to the judge.
 */
export function scoreMarkdownAnalysis(
  output: MarkdownAnalysisOutput,
  reference: MarkdownAnalysisReference,
): number {
  return matchF1(output.changes, reference.changes, changeSimilarity);
}

export const markdownAnalysisPromptV1 = `You review edits to markdown documents. The diff shows - removed and + added lines under their [section].
Rules:
- one change per edited idea; merge lines that belong together
- type: added, removed, or modified (- line replaced by + line)
- importance: high for behaviour, requirements, dates, commands; low for typos and wording
- section: the heading in brackets; summary: a few words
- executiveSummary: one sentence on what matters most
Reply with JSON only.

file: README.md
diff:
[Install]
- npm install tinyarms
+ brew install tinyarms
[Contributing]
- Please open an isue first.
+ Please open an issue first.
{"changes":[{"type":"modified","importance":"high","section":"Install","summary":"Install moved from npm to Homebrew"},{"type":"modified","importance":"low","section":"Contributing","summary":"Typo fixed"}],"executiveSummary":"Installation now uses Homebrew instead of npm."}

file: plan.md
diff:
[Timeline]
+ Beta ships 14 March; launch moves to April.
{"changes":[{"type":"added","importance":"high","section":"Timeline","summary":"Beta date set, launch delayed to April"}],"executiveSummary":"The launch slips to April after a 14 March beta."}

file: notes.md
diff:
[Ideas]
- Try a dark theme
{"changes":[{"type":"removed","importance":"medium","section":"Ideas","summary":"Dark theme idea dropped"}],"executiveSummary":"The dark theme idea was dropped."}

{{input}}
`;

export const markdownAnalysis: SkillDefinition<
  MarkdownAnalysisInput,
  MarkdownAnalysisOutput,
  MarkdownAnalysisReference
> = {
  id: 'markdown-analysis',
  name: 'Markdown analysis',
  description:
    'Compare the previous and current version of a markdown document and list the meaningful changes, each ' +
    'with its type (added, removed, modified), importance (high, medium, low), section and a short summary, ' +
    'plus a one-sentence executive summary.',
  evolveAutomatically: true,
  inputSchema: markdownAnalysisInputSchema,
  rawOutputSchema: markdownAnalysisRawOutputSchema,
  outputSchema: markdownAnalysisOutputSchema,
  referenceSchema: markdownAnalysisReferenceSchema,
  promptV1: markdownAnalysisPromptV1,
  examplePolicyV1: DEFAULT_EXAMPLE_POLICY,
  maxOutputTokens: 512,
  formatInput: (input) => formatMarkdownAnalysisInput(input),
  score: scoreMarkdownAnalysis,
  demonstration: markdownAnalysisDemonstration,
  shapedByPhrase: 'summarised like',
  presentation: {
    taskLine: (input) => clipLine(`changes in ${text(field(input, 'path')) ?? 'a markdown file'}`),
    outputLine: (output) => text(field(output, 'executiveSummary')) ?? JSON.stringify(output),
    outputLines: (output) => [
      `Summary: ${String(field(output, 'executiveSummary'))}`,
      ...items(field(output, 'changes')).map(
        (c) =>
          `  ${String(field(c, 'type'))} [${String(field(c, 'importance'))}] ${String(field(c, 'section'))}: ${String(field(c, 'summary'))}`,
      ),
    ],
    question: 'Which summary is better?',
    watchYield: 'a summary of each save',
    intakeVerb: 'Summarising',
    suggestionLine: (detail) => {
      const n = items(field(detail, 'changes')).length;
      return `${String(field(detail, 'summary'))} (${n} change${n === 1 ? '' : 's'})`;
    },
    suggestionCard: (detail, file) => {
      const n = items(field(detail, 'changes')).length;
      return { title: `Changes to ${file.name}`, line: `${file.name}: ${n} change${n === 1 ? '' : 's'}` };
    },
    suggestionNotice: (detail, file) => ({
      title: `Changes in ${clipLine(file.name, 48)}`,
      body: clipLine(text(field(detail, 'summary')) ?? '', 160),
      actions: ['Good Summary', 'Not Useful'],
    }),
  },
  suggestionAnswers: [],
  exampleLabel: markdownAnalysisLabel,
  outputJsonSchemaFor: markdownAnalysisSchemaFor,
};
