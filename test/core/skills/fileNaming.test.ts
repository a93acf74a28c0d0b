import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type FileNamingOutput,
  fileNaming,
  formatFileNamingInput,
  isValidFilename,
  scoreFileNaming,
  splitFilename,
} from '../../../src/core/skills/fileNaming';

const evalCase = z.object({ id: z.string(), name: z.string(), content: z.string(), reference: z.string() });
const evalPath = fileURLToPath(new URL('../../../../shared/eval/file-naming.jsonl', import.meta.url));
const evalCases = readFileSync(evalPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => evalCase.parse(JSON.parse(line)));

function output(filename: string): FileNamingOutput {
  return { filename, reasoning: '', alternatives: ['', ''] };
}

describe('file-naming format rule', () => {
  it.each([
    ['acme-invoice-july-2025.pdf', true],
    ['lisbon-weather-forecast.json', true],
    ['vegetable-garden-plan', true],
    ['Acme-Invoice-July-2025.pdf', false],
    ['acme_invoice_july_2025.pdf', false],
    ['acme invoice july 2025.pdf', false],
    ['acme--invoice-july-2025.pdf', false],
    ['invoice-2025.pdf', false],
    [`${'a'.repeat(41)}.pdf`, false],
    [`${'a'.repeat(40)}.pdf`, true],
    [`${'a'.repeat(15)}.pdf`, true],
    [`${'a'.repeat(14)}.pdf`, false],
  ])('%s → %s', (filename, valid) => {
    expect(isValidFilename(filename)).toBe(valid);
  });

  it('splits on the last dot and treats a leading dot as part of the stem', () => {
    expect(splitFilename('a.tar.gz')).toEqual({ stem: 'a.tar', extension: 'gz' });
    expect(splitFilename('.env')).toEqual({ stem: '.env', extension: '' });
  });

  it('rejects badly formatted names and alternatives in the output schema, with the path at fault', () => {
    const result = fileNaming.outputSchema.safeParse({
      filename: 'Invoice July.pdf',
      reasoning: 'x',
      alternatives: ['acme-invoice-july-2025.pdf', 'inv.pdf'],
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['filename'], ['alternatives', 1]]);
  });
});

describe('file-naming input', () => {
  it('shows each known field on its own line and flattens the content', () => {
    const text = formatFileNamingInput({
      originalName: 'scan001.pdf',
      extension: 'pdf',
      sizeBytes: 2048,
      createdAt: '2025-02-02T10:00:00Z',
      excerpt: 'PRESCRIPTION\n\nPatient: Robert King',
    });
    expect(text).toBe(
      'name: scan001.pdf\nextension: pdf\nsize: 2.0 KB\ncreated: 2025-02-02\ncontent: PRESCRIPTION | Patient: Robert King',
    );
  });

  it('cuts long content to the excerpt limit', () => {
    const text = formatFileNamingInput(
      { originalName: 'a.txt', extension: 'txt', excerpt: 'word '.repeat(500) },
      50,
    );
    const content = text.split('\n').find((line) => line.startsWith('content: ')) ?? '';
    expect(content.length).toBe('content: '.length + 50);
    expect(content.endsWith('…')).toBe(true);
  });
});

describe('file-naming scorer', () => {
  it('scores an exact match 1 and disjoint words with a valid name low', () => {
    expect(
      scoreFileNaming(output('acme-invoice-july-2025.pdf'), { filename: 'acme-invoice-july-2025.pdf' }),
    ).toBe(1);
    expect(
      scoreFileNaming(output('garden-planting-layout.pdf'), { filename: 'acme-invoice-july-2025.pdf' }),
    ).toBeCloseTo(0.25, 10);
  });

  it('orders candidates sensibly: more right words, right extension and valid format each score higher', () => {
    const reference = { filename: 'robert-king-amoxicillin-prescription.pdf' };
    const scores = [
      'robert-king-amoxicillin-prescription.pdf', // exact
      'amoxicillin-prescription-robert-king.pdf', // same words, other order
      'robert-king-prescription-feb-2025.pdf', // 3 of 4 words, plus extras
      'robert-king-prescription-feb-2025.txt', // same, wrong extension
      'Robert King Prescription Feb 2025.pdf', // same words as the third, invalid format
      'medical-document-scan.pdf', // no word in common
      'scan001.pdf', // the original messy name
    ].map((filename) => scoreFileNaming(output(filename), reference));
    for (let i = 1; i < scores.length; i++)
      expect(scores[i], `candidate ${i}`).toBeLessThanOrEqual(scores[i - 1] ?? 1);
    expect(scores[1]).toBeLessThan(1);
    expect(scores[2]).toBeGreaterThan(scores[3] ?? 1);
    expect(scores[2]).toBeGreaterThan(scores[4] ?? 1);
    expect(scores[4]).toBeGreaterThan(scores[5] ?? 1);
  });

  it('stays in [0, 1] and only an identical name reaches 1', () => {
    const reference = { filename: 'mia-birthday-party-ideas.txt' };
    for (const filename of ['mia-birthday-party-ideas.md', 'ideas-party-birthday-mia.txt', 'x']) {
      const score = scoreFileNaming(output(filename), reference);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(scoreFileNaming(output('mia-birthday-party-ideas.md'), reference)).toBeLessThan(1);
    expect(scoreFileNaming(output('ideas-party-birthday-mia.txt'), reference)).toBeLessThan(1);
  });

  it('ignores reasoning and alternatives in a full reference', () => {
    const a = scoreFileNaming(output('mia-party-ideas-list.txt'), {
      filename: 'mia-birthday-party-ideas.txt',
    });
    const b = scoreFileNaming(output('mia-party-ideas-list.txt'), {
      filename: 'mia-birthday-party-ideas.txt',
      reasoning: 'why',
      alternatives: ['a', 'b'],
    });
    expect(a).toBe(b);
  });
});

describe('file-naming on the eval set', () => {
  it('has the 30 cases, each with a reference a correction could carry', () => {
    expect(evalCases).toHaveLength(30);
    for (const c of evalCases)
      expect(fileNaming.referenceSchema.safeParse({ filename: c.reference }).success).toBe(true);
  });

  it('scores every reference 1 against itself, including the one whose stem is over 40 characters', () => {
    for (const c of evalCases)
      expect(scoreFileNaming(output(c.reference), { filename: c.reference }), c.id).toBe(1);
    const tooLong = evalCases.filter((c) => !isValidFilename(c.reference)).map((c) => c.id);
    expect(tooLong).toEqual(['d10']);
  });

  it('scores the original messy names low', () => {
    const scores = evalCases.map((c) => scoreFileNaming(output(c.name), { filename: c.reference }));
    const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;
    expect(mean).toBeLessThan(0.2);
    // README.txt shares one word out of three with image-resizer-readme.txt: partial, not good
    expect(Math.max(...scores)).toBeLessThan(0.5);
  });

  it('formats every eval case into a prompt input naming the file and its content', () => {
    for (const c of evalCases) {
      const { extension } = splitFilename(c.name);
      const text = fileNaming.formatInput({ originalName: c.name, extension, excerpt: c.content });
      expect(text.startsWith(`name: ${c.name}\n`)).toBe(true);
      expect(text).toContain('content: ');
      expect(text).not.toContain('\ncontent: \n');
    }
  });
});
