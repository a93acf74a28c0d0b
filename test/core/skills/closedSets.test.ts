import { describe, expect, it } from 'vitest';
import { compactJsonGrammar } from '../../../src/core/llm/compactJsonGrammar';
import { sharedLlama } from '../../../src/core/llm/sharedLlama';
import { toGrammarSchema } from '../../../src/core/runner/runTemplate';
import { audioActionsOutputSchema, finishAudioActions } from '../../../src/core/skills/audioActions';
import { codeLintingSchemaFor, finishCodeLinting } from '../../../src/core/skills/codeLinting';
import { markdownAnalysisSchemaFor, shownSections } from '../../../src/core/skills/markdownAnalysis';

const lintInput = {
  code: 'const a = 1;\nconsole.log(a);\n',
  language: 'typescript',
  rules: [
    { id: 'no-debug-logging', description: 'no console.log', severity: 'warning' as const },
    { id: 'no-secrets', description: 'no keys', severity: 'error' as const },
  ],
};
const violation = (rule: string, line: number, severity: string) => ({
  rule,
  line,
  severity,
  reason: '',
  fix: '',
});

describe('closed sets from the task itself', () => {
  it('code linting: only the rules in force, each with its own severity, on a line that is shown', async () => {
    const grammar = await compactJsonGrammar(
      await sharedLlama(),
      toGrammarSchema(codeLintingSchemaFor(lintInput)),
    );
    const answer = (violations: unknown[]) => JSON.stringify({ violations, summary: 's' });
    expect(() => grammar.parse(answer([violation('no-debug-logging', 2, 'warning')]))).not.toThrow();
    expect(() => grammar.parse(answer([violation('no-any', 2, 'warning')]))).toThrow(); // not in force
    expect(() => grammar.parse(answer([violation('no-secrets', 2, 'warning')]))).toThrow(); // wrong severity
    expect(() => grammar.parse(answer([violation('no-secrets', 3, 'error')]))).toThrow(); // no line 3
  });

  it('code linting: the decision follows the violations, a repeated finding is dropped', () => {
    expect(
      finishCodeLinting({
        violations: [violation('no-secrets', 1, 'error'), violation('no-secrets', 1, 'error')],
        summary: 's',
      }),
    ).toEqual({ violations: [violation('no-secrets', 1, 'error')], summary: 's', decision: 'fail' });
    expect(finishCodeLinting({ violations: [], summary: 's' })).toMatchObject({ decision: 'pass' });
  });

  it('markdown analysis: changes only in the sections the diff shows', async () => {
    const input = {
      previous: '# Plan\n## Dates\nBeta in May\n',
      current: '# Plan\n## Dates\nBeta in June\n',
    };
    expect(shownSections(input)).toEqual(['Dates']);
    const grammar = await compactJsonGrammar(
      await sharedLlama(),
      toGrammarSchema(markdownAnalysisSchemaFor(input)),
    );
    const change = (section: string) =>
      JSON.stringify({
        changes: [{ type: 'modified', importance: 'high', section, summary: 'Beta moved' }],
        executiveSummary: 'Beta moves to June.',
      });
    expect(() => grammar.parse(change('Dates'))).not.toThrow();
    expect(() => grammar.parse(change('Budget'))).toThrow();
  });
});

describe('audio actions: what code decides', () => {
  const action = (command: string, when: string) => ({ command, details: 'x', when });
  it('keeps the intent consistent with the actions and every date in the app’s format', () => {
    expect(
      finishAudioActions({
        intent: 'none',
        entities: [],
        actions: [action('create_task', '2025-03-04T09:00:00Z')],
        summary: '',
      }),
    ).toMatchObject({ intent: 'create_task', actions: [{ when: '2025-03-04T09:00' }] });
    expect(
      finishAudioActions({
        intent: 'send_message',
        entities: [],
        actions: [action('create_reminder', 'tomorrow')],
        summary: '',
      }),
    ).toMatchObject({ intent: 'create_reminder', actions: [{ when: '' }] });
    expect(
      finishAudioActions({ intent: 'create_note', entities: [], actions: [], summary: '' }),
    ).toMatchObject({
      intent: 'none',
    });
    const fine = {
      intent: 'create_note',
      entities: [],
      actions: [action('create_note', '2025-03-04')],
      summary: 's',
    };
    expect(audioActionsOutputSchema.safeParse(finishAudioActions(fine)).success).toBe(true);
  });
});
