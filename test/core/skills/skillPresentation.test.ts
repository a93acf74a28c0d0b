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

  it('reads a malformed stored value without throwing, and cuts long lines', () => {
    for (const skill of skills) {
      expect(typeof skill.presentation.taskLine(null)).toBe('string');
      expect(typeof skill.presentation.outputLine(42)).toBe('string');
    }
    const long = getSkill('audio-actions').presentation.taskLine({ transcript: 'word '.repeat(100) });
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });
});
