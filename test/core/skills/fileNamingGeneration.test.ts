import { describe, expect, it } from 'vitest';
import { fileNaming } from '../../../src/core/skills';
import { explainName, fileNameAnswer, fileOwnText } from '../../../src/core/skills/fileNamingGeneration';
import { fileNamingVocabulary, inputWords, styleWords } from '../../../src/core/skills/fileNamingVocabulary';
import { scriptedModel } from '../runner/scriptedModel';

describe('the words a name may use', () => {
  it('takes the file’s own words, drops filler and junk, and adds month names for dates', () => {
    const words = inputWords("IMG_0193 Scan of Mia's party, 2025-07-31, the copy for Oct");
    expect(words).toEqual(
      expect.arrayContaining(['0193', 'mia', 'party', '2025', 'july', 'jul', 'oct', 'october']),
    );
    for (const dropped of ['img', 'scan', 'of', 'the', 'copy', 's', 'for'])
      expect(words).not.toContain(dropped);
  });

  it('leaves out the file’s times: they date the copy, not the document', () => {
    const text = fileOwnText(
      { originalName: 'a.txt', extension: 'txt', createdAt: '2031-05-06T10:00:00Z', excerpt: 'hello world' },
      400,
    );
    expect(inputWords(text)).not.toContain('2031');
  });

  it('offers a correction’s style words to similar files, never its content words', () => {
    const demo = 'name: notes (1).md\ncontent: # 1:1 with Jordan — 3 Oct';
    expect(styleWords(demo, 'jordan-one-on-one-notes-oct-3.md')).toEqual(['one', 'on', 'one']);
    const vocabulary = fileNamingVocabulary('1:1 with Priya, 12 Nov', [
      { inputText: demo, filename: 'jordan-one-on-one-notes-oct-3.md' },
    ]);
    expect(vocabulary).toEqual(expect.arrayContaining(['priya', 'one', 'on', 'notes', 'november']));
    expect(vocabulary).not.toContain('jordan');
  });

  it('explains a name by where its words came from', () => {
    expect(explainName('acme-invoice-july-2025.pdf', 'Acme Corp billing July 2025')).toBe(
      'Uses acme, july, 2025 from the file; invoice for the kind of document.',
    );
  });
});

describe('file-naming generation', () => {
  it('asks for the proposal, then, when asked, two names that start with other words', async () => {
    const model = scriptedModel([
      {
        marker: 'Acme',
        output: {
          filename: 'acme-invoice-july-2025.pdf',
          alternatives: ['invoice-acme-corp-july.pdf', 'july-2025-acme-invoice.pdf'],
        },
      },
    ]);
    const input = { originalName: 'Scan 3.pdf', extension: 'pdf', excerpt: 'INVOICE Acme Corp July 2025' };
    const generated = await fileNaming.generate?.({
      model,
      request: { user: 'name: Scan 3.pdf\ncontent: INVOICE Acme Corp July 2025' },
      input,
      demonstrations: [],
      scoreOnly: false,
      alternatives: true,
    });
    expect(generated?.output).toMatchObject({
      filename: 'acme-invoice-july-2025.pdf',
      alternatives: ['invoice-acme-corp-july.pdf', 'july-2025-acme-invoice.pdf'],
    });
    expect(model.calls.map((c) => c.words?.notFirst)).toEqual([[], ['acme'], ['acme', 'invoice']]);
    expect(model.calls[0]?.words).toMatchObject({
      prefix: '{"filename": "',
      suffix: '.pdf"}',
      minChars: 15,
      maxChars: 40,
    });
    expect(fileNaming.demonstration({ filename: 'acme-invoice-july-2025.pdf', reasoning: 'x' })).toBe(
      fileNameAnswer('acme-invoice-july-2025.pdf'),
    );
    expect(fileNaming.demonstration({ reasoning: 'no name' })).toBeNull();
  });
});
