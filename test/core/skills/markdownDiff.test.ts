import { describe, expect, it } from 'vitest';
import { markdownDiff } from '../../../src/core/skills/markdownDiff';

describe('markdownDiff', () => {
  it('finds nothing between equal documents, ignoring blank lines and trailing spaces', () => {
    expect(markdownDiff('# A\n\ntext\n', '# A\ntext   \n\n')).toEqual([]);
  });

  it('reports an edited line as a removal then an addition, each under its section', () => {
    const previous = '# Guide\n## Install\nnpm i x\n## Usage\nrun x\n';
    const current = '# Guide\n## Install\nbrew install x\n## Usage\nrun x\n';
    expect(markdownDiff(previous, current)).toEqual([
      { kind: 'removed', section: 'Install', text: 'npm i x' },
      { kind: 'added', section: 'Install', text: 'brew install x' },
    ]);
  });

  it('places lines before the first heading in the unnamed top section', () => {
    expect(markdownDiff('intro', 'intro\nmore')).toEqual([{ kind: 'added', section: '', text: 'more' }]);
  });

  it('shows a renamed heading as one removal and one addition', () => {
    expect(markdownDiff('## Setup\nx', '## Installation\nx')).toEqual([
      { kind: 'removed', section: 'Setup', text: '## Setup' },
      { kind: 'added', section: 'Installation', text: '## Installation' },
    ]);
  });

  it('keeps common lines in order (longest common subsequence)', () => {
    const changes = markdownDiff('a\nb\nc\nd', 'a\nc\nd\ne');
    expect(changes.map((c) => `${c.kind}:${c.text}`)).toEqual(['removed:b', 'added:e']);
  });
});
