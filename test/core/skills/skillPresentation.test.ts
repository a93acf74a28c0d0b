import { describe, expect, it } from 'vitest';
import { getSkill, skills } from '../../../src/core/skills/skillRegistry';

describe('what each skill shows and asks', () => {
  it.each(skills.map((skill) => [skill.id, skill] as const))('%s declares a question', (_id, skill) => {
    expect(skill.presentation.question).toMatch(/^Which .+\?$/);
  });

  it('puts a task and its outputs in one line each', () => {
    const naming = getSkill('file-naming').presentation;
    expect(
      naming.taskLine({ originalName: 'scan0042.pdf', sizeBytes: 182_344, excerpt: 'INVOICE #2231 Acme' }),
    ).toBe('scan0042.pdf · 178.1 KB · “INVOICE #2231 Acme”');
    expect(naming.outputLine({ filename: 'acme-invoice-2231.pdf' })).toBe('acme-invoice-2231.pdf');
    const linting = getSkill('code-linting').presentation;
    expect(linting.taskLine({ path: 'a.ts', code: '\n  const x: any = 1;\n' })).toBe(
      'a.ts · const x: any = 1;',
    );
    expect(linting.outputLine({ summary: 'one problem', violations: [{ line: 2, rule: 'no-any' }] })).toBe(
      'one problem — line 2: no-any',
    );
    expect(getSkill('markdown-analysis').presentation.taskLine({ path: 'notes.md' })).toBe(
      'changes in notes.md',
    );
    expect(
      getSkill('audio-actions').presentation.outputLine({
        summary: 'call mum',
        actions: [{ command: 'reminder', details: 'call mum at 6' }],
      }),
    ).toBe('call mum — reminder: call mum at 6');
  });

  it('lays an output out in a few lines, as a run prints it', () => {
    expect(
      getSkill('file-naming').presentation.outputLines({
        filename: 'acme-invoice-2231.pdf',
        reasoning: 'vendor and number',
        alternatives: ['invoice-2231-acme.pdf', 'acme-2231.pdf'],
      }),
    ).toEqual([
      'Proposed name: acme-invoice-2231.pdf',
      '  why: vendor and number',
      '  or: invoice-2231-acme.pdf, acme-2231.pdf',
      '  (nothing was renamed)',
    ]);
    expect(
      getSkill('code-linting').presentation.outputLines({
        decision: 'warn',
        summary: 'one problem',
        violations: [
          { line: 2, rule: 'no-any', severity: 'warning', reason: 'any hides types', fix: 'unknown' },
          { line: 5, rule: 'no-hardcoded-colors', severity: 'error', reason: 'a hex colour', fix: '' },
        ],
      }),
    ).toEqual([
      'Decision: warn — one problem',
      '  line 2 no-any (warning): any hides types → unknown',
      '  line 5 no-hardcoded-colors (error): a hex colour',
    ]);
    expect(
      getSkill('markdown-analysis').presentation.outputLines({
        executiveSummary: 'a new section',
        changes: [{ type: 'added', importance: 'high', section: 'Plan', summary: 'dates' }],
      }),
    ).toEqual(['Summary: a new section', '  added [high] Plan: dates']);
    expect(
      getSkill('audio-actions').presentation.outputLines({
        intent: 'create_reminder',
        summary: 'call mum',
        actions: [
          { command: 'create_reminder', details: 'call mum', when: '2025-11-04T18:00' },
          { command: 'create_note', details: 'buy flowers', when: '' },
        ],
      }),
    ).toEqual([
      'Intent: create_reminder — call mum',
      '  create_reminder (2025-11-04T18:00): call mum',
      '  create_note: buy flowers',
    ]);
    expect(getSkill('file-naming').presentation.correctionExample).toBe('{"filename": "…"}');
    expect(getSkill('code-linting').presentation.correctionExample).toBeUndefined();
  });

  it('words a suggestion in one line, and what watching and the intake do', () => {
    const line = (id: 'file-naming' | 'audio-actions' | 'markdown-analysis', detail: unknown) =>
      getSkill(id).presentation.suggestionLine?.(detail);
    expect(line('file-naming', { from: 'scan.pdf', to: 'acme-invoice.pdf' })).toBe('→ acme-invoice.pdf');
    expect(
      line('audio-actions', {
        summary: 'call mum',
        actions: [
          { command: 'create_reminder', details: 'call mum', when: '18:00' },
          { command: 'create_note', details: 'flowers', when: '' },
        ],
      }),
    ).toBe('call mum — 1) create_reminder (18:00): call mum  2) create_note: flowers');
    expect(line('audio-actions', { summary: 'nothing', actions: [] })).toBe('nothing (no actions)');
    expect(line('markdown-analysis', { summary: 'a section', changes: [{}] })).toBe('a section (1 change)');
    expect(line('markdown-analysis', { summary: 'two', changes: [{}, {}] })).toBe('two (2 changes)');
    expect(getSkill('code-linting').presentation.suggestionLine).toBeUndefined();
    expect(
      skills.map((skill) => [skill.id, skill.presentation.watchYield, skill.presentation.intakeVerb]),
    ).toEqual([
      ['file-naming', 'a name for each new file', 'Naming'],
      ['code-linting', undefined, undefined],
      ['markdown-analysis', 'a summary of each save', 'Summarising'],
      ['audio-actions', 'the actions in each new transcript', 'Reading'],
    ]);
    expect(skills.map((skill) => [skill.id, skill.suggestionAnswers])).toEqual([
      ['file-naming', ['edit']],
      ['code-linting', []],
      ['markdown-analysis', []],
      ['audio-actions', ['actions']],
    ]);
  });

  it('words a suggestion card: its title and the one line of its collapsed row', () => {
    const card = (id: string, detail: unknown, name: string) =>
      getSkill(id).presentation.suggestionCard?.(detail, { name });
    expect(
      card('file-naming', { from: 'scan0042.pdf', to: 'acme-invoice-2231.pdf' }, 'scan0042.pdf'),
    ).toEqual({
      title: 'Rename this file?',
      line: 'scan0042.pdf → acme-invoice-2231.pdf',
    });
    expect(card('audio-actions', { summary: 'Call', actions: [{}] }, 'memo.txt')).toEqual({
      title: 'Actions from a voice memo',
      line: 'memo.txt: 1 action',
    });
    expect(card('markdown-analysis', { summary: 'x', changes: [{}, {}] }, 'plan.md')).toEqual({
      title: 'Changes to plan.md',
      line: 'plan.md: 2 changes',
    });
    expect(card('code-linting', {}, 'a.ts')).toBeUndefined();
  });

  it('reads a malformed stored value without throwing, and cuts long lines', () => {
    for (const skill of skills) {
      expect(typeof skill.presentation.taskLine(null)).toBe('string');
      expect(typeof skill.presentation.outputLine(42)).toBe('string');
      expect(skill.presentation.outputLines(null).every((line) => typeof line === 'string')).toBe(true);
      expect(typeof (skill.presentation.suggestionLine?.('x') ?? '')).toBe('string');
    }
    const long = getSkill('audio-actions').presentation.taskLine({ transcript: 'word '.repeat(100) });
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });
});
