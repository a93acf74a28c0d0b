import { describe, expect, it } from 'vitest';
import {
  formatMarkdownAnalysisInput,
  type MarkdownAnalysisOutput,
  type MarkdownChange,
  markdownAnalysis,
  scoreMarkdownAnalysis,
} from '../../../src/core/skills/markdownAnalysis';

function change(
  section: string,
  type: MarkdownChange['type'] = 'modified',
  importance: MarkdownChange['importance'] = 'high',
): MarkdownChange {
  return { type, importance, section, summary: 's' };
}

function output(changes: MarkdownChange[]): MarkdownAnalysisOutput {
  return { changes, executiveSummary: 'e' };
}

describe('markdown-analysis input', () => {
  it('shows the changed lines grouped under their sections instead of both documents', () => {
    const text = formatMarkdownAnalysisInput({
      path: 'README.md',
      previous: '# X\n## Install\nnpm i x\n## License\nMIT\n',
      current: '# X\n## Install\nbrew install x\n## License\nMIT\n',
    });
    expect(text).toBe('file: README.md\ndiff:\n[Install]\n- npm i x\n+ brew install x');
  });

  it('says so when nothing changed', () => {
    expect(formatMarkdownAnalysisInput({ previous: 'a', current: 'a' })).toBe('diff: no changes');
  });

  it('labels lines before any heading as the top section and caps the shown lines', () => {
    const current = Array.from({ length: 5 }, (_, i) => `line ${i}`).join('\n');
    const text = formatMarkdownAnalysisInput({ previous: '', current }, 3);
    expect(text).toBe('diff:\n[top]\n+ line 0\n+ line 1\n+ line 2\n(2 more changed lines not shown)');
  });
});

describe('markdown-analysis scorer', () => {
  const reference = output([change('Install'), change('Usage'), change('Action items', 'added', 'medium')]);

  it('is 1 for the same change set in any order and for two empty sets', () => {
    expect(scoreMarkdownAnalysis(output([...reference.changes].reverse()), reference)).toBe(1);
    expect(scoreMarkdownAnalysis(output([]), { changes: [] })).toBe(1);
  });

  it('orders: all found > wrong importance > wrong type > one missed > unrelated sections', () => {
    const [install, usage, actions] = reference.changes as [MarkdownChange, MarkdownChange, MarkdownChange];
    const scores = [
      reference.changes,
      [install, usage, { ...actions, importance: 'low' as const }],
      [install, usage, { ...actions, type: 'modified' as const }],
      [install, usage],
      [change('License'), change('Contributing')],
    ].map((changes) => scoreMarkdownAnalysis(output(changes), reference));
    for (let i = 1; i < scores.length; i++) expect(scores[i], `case ${i}`).toBeLessThan(scores[i - 1] ?? 1);
    expect(scores[4]).toBe(0);
  });

  it('matches sections by their words, so "Usage" and "Usage examples" pair but "Setup" and "Usage" do not', () => {
    expect(
      scoreMarkdownAnalysis(output([change('Usage examples')]), output([change('Usage')])),
    ).toBeGreaterThan(0.5);
    expect(scoreMarkdownAnalysis(output([change('Setup')]), output([change('Usage')]))).toBe(0);
  });

  it('accepts a reference of sections and types only', () => {
    const partial = { changes: [{ type: 'modified' as const, section: 'Install' }] };
    expect(markdownAnalysis.referenceSchema.safeParse(partial).success).toBe(true);
    expect(scoreMarkdownAnalysis(output([change('Install', 'modified', 'low')]), partial)).toBe(1);
  });
});
