import { describe, expect, it } from 'vitest';
import {
  type CodeLintingOutput,
  codeLinting,
  DEFAULT_LINT_RULES,
  formatCodeLintingInput,
  type LintViolation,
  lintDecisionFor,
  scoreCodeLinting,
} from '../../../src/core/skills/codeLinting';

function violation(
  rule: string,
  line: number,
  severity: LintViolation['severity'] = 'warning',
): LintViolation {
  return { rule, line, severity, reason: 'r', fix: 'f' };
}

function output(violations: LintViolation[]): CodeLintingOutput {
  return { violations, summary: '', decision: lintDecisionFor(violations) };
}

describe('code-linting input', () => {
  it('numbers the lines and lists the default rules with their severity when the task brings none', () => {
    const text = formatCodeLintingInput({ code: 'a\nb\n', language: 'typescript' });
    expect(text).toContain('- no-hardcoded-colors (error): ');
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(DEFAULT_LINT_RULES.length);
    expect(text.endsWith('language: typescript\ncode:\n1| a\n2| b')).toBe(true);
  });

  it('uses the task’s own rules instead of the defaults', () => {
    const text = formatCodeLintingInput({
      code: 'x',
      language: 'css',
      rules: [{ id: 'no-important', description: 'no !important', severity: 'warning' }],
    });
    expect(text).toContain('- no-important (warning): no !important');
    expect(text).not.toContain('no-secrets');
  });

  it('cuts long files and says how much is missing', () => {
    const code = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const text = formatCodeLintingInput({ code, language: 'text' }, 10);
    expect(text).toContain('10| line 10');
    expect(text).not.toContain('line 11');
    expect(text.endsWith('(2 more lines not shown)')).toBe(true);
  });
});

describe('code-linting output rules', () => {
  it('derives the decision from the severities', () => {
    expect(lintDecisionFor([])).toBe('pass');
    expect(lintDecisionFor([violation('no-any', 1)])).toBe('warn');
    expect(lintDecisionFor([violation('no-any', 1), violation('no-secrets', 2, 'error')])).toBe('fail');
  });

  it('rejects a decision that contradicts the violations, and duplicates', () => {
    const result = codeLinting.outputSchema.safeParse({
      violations: [violation('no-secrets', 3, 'error'), violation('no-secrets', 3, 'error')],
      summary: 's',
      decision: 'pass',
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['violations', 1], ['decision']]);
  });
});

describe('code-linting scorer', () => {
  const reference = output([
    violation('no-any', 3),
    violation('no-debug-logging', 4),
    violation('no-hardcoded-colors', 6, 'error'),
  ]);

  it('is 1 for the same (rule, line) pairs whatever the wording, and for two clean results', () => {
    const reworded = output(reference.violations.map((v) => ({ ...v, reason: 'other', fix: 'other' })));
    expect(scoreCodeLinting(reworded, reference)).toBe(1);
    expect(scoreCodeLinting(output([]), output([]))).toBe(1);
  });

  it('drops with each missed or wrong pair', () => {
    const allRight = scoreCodeLinting(reference, reference);
    const oneMissed = scoreCodeLinting(output(reference.violations.slice(0, 2)), reference);
    const wrongLine = scoreCodeLinting(
      output([violation('no-any', 3), violation('no-debug-logging', 5)]),
      reference,
    );
    const unrelated = scoreCodeLinting(output([violation('no-secrets', 1, 'error')]), reference);
    expect(allRight).toBeGreaterThan(oneMissed);
    expect(oneMissed).toBeGreaterThan(wrongLine);
    expect(wrongLine).toBeGreaterThan(unrelated);
    expect(unrelated).toBeLessThan(0.2);
  });

  it('scores a clean verdict on faulty code 0', () => {
    expect(scoreCodeLinting(output([]), reference)).toBe(0);
  });

  it('scores F1 alone when the reference is only a list of (rule, line)', () => {
    const partial = { violations: [{ rule: 'no-any', line: 3 }] };
    expect(
      scoreCodeLinting(output([violation('no-any', 3), violation('no-secrets', 9)]), partial),
    ).toBeCloseTo(2 / 3, 10);
    expect(codeLinting.referenceSchema.safeParse(partial).success).toBe(true);
  });
});
