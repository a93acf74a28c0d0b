import { z } from 'zod';
import { NO_EXAMPLES } from '../examples/examplePolicy';
import { clip, field, items, text } from './presentationText';
import type { SkillDefinition } from './skillDefinition';
import { matchF1, weightedMean } from './tokenF1';

export const LINT_SEVERITIES = ['error', 'warning'] as const;
export const LINT_DECISIONS = ['pass', 'warn', 'fail'] as const;

export const lintRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'rule ids are kebab-case'),
  description: z.string().min(1),
  severity: z.enum(LINT_SEVERITIES),
});
export type LintRule = z.infer<typeof lintRuleSchema>;

/**
 * The constitutional rules checked when a task brings none: fixed, objective ones ("hard-coded
 * colours are always bad"), which is why this skill evolves only on request.
 */
export const DEFAULT_LINT_RULES: readonly LintRule[] = [
  {
    id: 'no-hardcoded-colors',
    description: 'colours come from design tokens, never hex/rgb literals',
    severity: 'error',
  },
  { id: 'no-secrets', description: 'no API keys, passwords or tokens in the code', severity: 'error' },
  { id: 'no-debug-logging', description: 'no console.log, print or debugger left in', severity: 'warning' },
  { id: 'no-empty-catch', description: 'errors are never caught and silently ignored', severity: 'warning' },
  { id: 'no-any', description: 'TypeScript: no `any` type', severity: 'warning' },
  { id: 'no-magic-numbers', description: 'unexplained numbers need a named constant', severity: 'warning' },
];

/** Lines beyond this are cut: a 360M model loses track of long files, and tokens cost. */
export const LINT_CODE_MAX_LINES = 150;

export const codeLintingInputSchema = z.object({
  code: z.string(),
  language: z.string().min(1),
  path: z.string().optional(),
  /** Omitted: {@link DEFAULT_LINT_RULES}. */
  rules: z.array(lintRuleSchema).min(1).optional(),
});
export type CodeLintingInput = z.infer<typeof codeLintingInputSchema>;

const violationSchema = z.object({
  rule: z.string().min(1).max(40),
  line: z.int().min(1).max(100_000),
  severity: z.enum(LINT_SEVERITIES),
  reason: z.string().max(100),
  fix: z.string().max(100),
});
export type LintViolation = z.infer<typeof violationSchema>;

export const codeLintingRawOutputSchema = z.object({
  violations: z.array(violationSchema).max(8),
  summary: z.string().max(160),
  decision: z.enum(LINT_DECISIONS),
});
export type CodeLintingOutput = z.infer<typeof codeLintingRawOutputSchema>;

/** `fail` on any error, `warn` on warnings only, `pass` when clean. */
export function lintDecisionFor(
  violations: readonly Pick<LintViolation, 'severity'>[],
): CodeLintingOutput['decision'] {
  if (violations.some((v) => v.severity === 'error')) return 'fail';
  return violations.length > 0 ? 'warn' : 'pass';
}

export const codeLintingOutputSchema = codeLintingRawOutputSchema.superRefine((output, ctx) => {
  const seen = new Set<string>();
  output.violations.forEach((violation, index) => {
    const key = `${violation.rule}@${violation.line}`;
    if (seen.has(key)) {
      ctx.addIssue({ code: 'custom', path: ['violations', index], message: `duplicate violation ${key}` });
    }
    seen.add(key);
  });
  const expected = lintDecisionFor(output.violations);
  if (output.decision !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: ['decision'],
      message: `decision must be "${expected}" for these violations`,
    });
  }
});

export const codeLintingReferenceSchema = z.object({
  violations: z.array(violationSchema.partial({ severity: true, reason: true, fix: true })),
  summary: z.string().optional(),
  decision: z.enum(LINT_DECISIONS).optional(),
});
export type CodeLintingReference = z.infer<typeof codeLintingReferenceSchema>;

/**
 * Formats code with line numbers (the model reports lines, and cannot count them reliably itself),
 * followed by the rule list.
 *
 * @param maxLines - lines of code kept. @default LINT_CODE_MAX_LINES (150)
 */
export function formatCodeLintingInput(input: CodeLintingInput, maxLines = LINT_CODE_MAX_LINES): string {
  const rules = input.rules ?? DEFAULT_LINT_RULES;
  const lines = input.code.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const width = String(Math.min(lines.length, maxLines)).length;
  const numbered = lines
    .slice(0, maxLines)
    .map((line, i) => `${String(i + 1).padStart(width)}| ${line}`.trimEnd());
  if (lines.length > maxLines) numbered.push(`(${lines.length - maxLines} more lines not shown)`);
  const header =
    input.path === undefined ? `language: ${input.language}` : `file: ${input.path} (${input.language})`;
  return [
    'rules:',
    ...rules.map((rule) => `- ${rule.id} (${rule.severity}): ${rule.description}`),
    header,
    'code:',
    ...numbered,
  ].join('\n');
}

/**
 * F1 over (rule, line) pairs, with the decision as a minor term when the reference has one:
 * `0.85·F1 + 0.15·sameDecision`. No violations on either side is a perfect F1.
 */
export function scoreCodeLinting(output: CodeLintingOutput, reference: CodeLintingReference): number {
  const f1 = matchF1(output.violations, reference.violations, (p, r) =>
    p.rule === r.rule && p.line === r.line ? 1 : 0,
  );
  const decision =
    reference.decision === undefined ? undefined : output.decision === reference.decision ? 1 : 0;
  return weightedMean([
    [0.85, f1],
    [0.15, decision],
  ]);
}

/** The rules a task is checked against. */
export function rulesInForce(input: CodeLintingInput): readonly LintRule[] {
  return input.rules ?? DEFAULT_LINT_RULES;
}

function shownLineCount(input: CodeLintingInput): number {
  return Math.max(
    1,
    Math.min(input.code.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n').length, LINT_CODE_MAX_LINES),
  );
}

/**
 * Violations one answer may list. With the field bounds below an answer fits the token cap (768) at
 * two characters per token, so no valid answer is cut short; eight with 100-character fields did not
 * fit 384 and cut 2 of 10 answers that imitated a long example.
 */
export const LINT_MAX_GENERATED = 5;

/**
 * What the model may write for one task: each violation names a rule in force with that rule's own
 * severity and a line that is shown; the decision is left out (code derives it, see
 * {@link finishCodeLinting}).
 */
export function codeLintingSchemaFor(input: CodeLintingInput): Record<string, unknown> {
  const lines = Array.from({ length: shownLineCount(input) }, (_, i) => i + 1);
  const text = (maxLength: number) => ({ type: 'string', maxLength });
  return {
    type: 'object',
    properties: {
      violations: {
        type: 'array',
        maxItems: LINT_MAX_GENERATED,
        items: {
          oneOf: rulesInForce(input).map((rule) => ({
            type: 'object',
            properties: {
              rule: { const: rule.id },
              line: { enum: lines },
              severity: { const: rule.severity },
              reason: text(80),
              fix: text(80),
            },
            required: ['rule', 'line', 'severity', 'reason', 'fix'],
          })),
        },
      },
      summary: text(120),
    },
    required: ['violations', 'summary'],
  };
}

/** Drops a repeated (rule, line) and sets the decision its violations call for. */
export function finishCodeLinting(generated: unknown): unknown {
  if (generated === null || typeof generated !== 'object') return generated;
  const value = generated as { violations?: unknown };
  if (!Array.isArray(value.violations)) return generated;
  const seen = new Set<string>();
  const violations = (
    value.violations as { rule?: unknown; line?: unknown; severity?: LintViolation['severity'] }[]
  ).filter((v) => {
    const key = `${String(v.rule)}@${String(v.line)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    ...value,
    violations,
    decision: lintDecisionFor(violations.map((v) => ({ severity: v.severity ?? 'warning' }))),
  };
}

/** A stored output or correction as the model writes it (violations and summary; the decision is code's). */
export function codeLintingDemonstration(output: unknown): string | null {
  const parsed = codeLintingReferenceSchema.safeParse(output);
  if (!parsed.success) return null;
  return JSON.stringify({
    violations: parsed.data.violations.map((v) => ({
      rule: v.rule,
      line: v.line,
      severity: v.severity ?? 'warning',
      reason: v.reason ?? '',
      fix: v.fix ?? '',
    })),
    summary: parsed.data.summary ?? '',
  });
}

function codeLintingLabel(output: unknown): string | null {
  const parsed = codeLintingReferenceSchema.safeParse(output);
  if (!parsed.success) return null;
  const rules = [...new Set(parsed.data.violations.map((v) => v.rule))];
  return rules.length === 0 ? 'no findings' : `${parsed.data.violations.length} × ${rules.join(', ')}`;
}

export const codeLintingPromptV1 = `You are a strict code reviewer. Check the code against the listed rules only.
Rules:
- report each violation once: rule id, line number from the margin, severity given beside the rule, reason, fix
- nothing breaks a listed rule: empty list
- decision: fail if any error, warn if only warnings, pass if none
Reply with JSON only.

rules:
- no-hardcoded-colors (error): no hex/rgb colour literals
- no-debug-logging (warning): no console.log left in
language: typescript
code:
1| const title = { color: '#ff0000' };
2| console.log(title);
{"violations":[{"rule":"no-hardcoded-colors","line":1,"severity":"error","reason":"hex colour literal","fix":"use theme.colors.danger"},{"rule":"no-debug-logging","line":2,"severity":"warning","reason":"console.log left in","fix":"remove the log"}],"summary":"A hard-coded colour and a debug log.","decision":"fail"}

rules:
- no-empty-catch (warning): errors never silently ignored
language: python
code:
1| try:
2|     sync()
3| except Exception:
4|     pass
{"violations":[{"rule":"no-empty-catch","line":3,"severity":"warning","reason":"exception swallowed","fix":"log or re-raise the error"}],"summary":"One silently ignored exception.","decision":"warn"}

rules:
- no-any (warning): no \`any\` type
language: typescript
code:
1| export const add = (a: number, b: number) => a + b;
{"violations":[],"summary":"No rule violations.","decision":"pass"}

{{input}}
`;

export const codeLinting: SkillDefinition<CodeLintingInput, CodeLintingOutput, CodeLintingReference> = {
  id: 'code-linting',
  name: 'Code linting',
  description:
    'Check source code against a fixed list of rules (such as no hard-coded colours, no secrets, no debug ' +
    'logging) and report each violation with its rule, line, severity, reason and fix, plus a one-line ' +
    'summary and a pass/warn/fail decision.',
  evolveAutomatically: false,
  inputSchema: codeLintingInputSchema,
  rawOutputSchema: codeLintingRawOutputSchema,
  outputSchema: codeLintingOutputSchema,
  referenceSchema: codeLintingReferenceSchema,
  promptV1: codeLintingPromptV1,
  // bench:learn: 20 corrections as examples did not help (0.070 → 0.060 ± 0.026 over 3 folds) and a
  // code example triples the prompt; the bank still fills, and evolution may choose examples.
  examplePolicyV1: NO_EXAMPLES,
  maxOutputTokens: 768,
  formatInput: (input) => formatCodeLintingInput(input),
  score: scoreCodeLinting,
  demonstration: codeLintingDemonstration,
  shapedByPhrase: 'checked like',
  presentation: {
    taskLine: (input) => {
      const where = text(field(input, 'path')) ?? text(field(input, 'language')) ?? 'code';
      const firstLine = text(field(input, 'code'))
        ?.split('\n')
        .find((line) => line.trim() !== '');
      return clip(firstLine ? `${where} · ${firstLine}` : where);
    },
    outputLine: (output) => {
      const violations = field(output, 'violations');
      const listed = Array.isArray(violations)
        ? violations
            .slice(0, 3)
            .map((v) => `line ${String(field(v, 'line'))}: ${String(field(v, 'rule'))}`)
            .join('; ')
        : '';
      return [text(field(output, 'summary')), listed].filter(Boolean).join(' — ') || JSON.stringify(output);
    },
    outputLines: (output) => [
      `Decision: ${String(field(output, 'decision'))} — ${String(field(output, 'summary'))}`,
      ...items(field(output, 'violations')).map((v) => {
        const fix = field(v, 'fix');
        return `  line ${String(field(v, 'line'))} ${String(field(v, 'rule'))} (${String(field(v, 'severity'))}): ${String(field(v, 'reason'))}${fix ? ` → ${String(fix)}` : ''}`;
      }),
    ],
    question: 'Which review is more useful?',
  },
  suggestionAnswers: [],
  exampleLabel: codeLintingLabel,
  outputJsonSchemaFor: codeLintingSchemaFor,
  finish: finishCodeLinting,
};
