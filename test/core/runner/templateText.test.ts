import { describe, expect, it } from 'vitest';
import { createManualSession } from '../../../src/core/evolution/abSession';
import {
  checkTemplateText,
  MAX_TEMPLATE_BYTES,
  templateFromBytes,
} from '../../../src/core/runner/templateText';
import { dumpDatabase } from '../../support/dumpDatabase';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

describe('template text', () => {
  it('takes UTF-8 text with one {{input}}, dropping a BOM and trailing whitespace', () => {
    expect(checkTemplateText('\uFEFFName the file.\n{{input}}\n\n', 't')).toBe('Name the file.\n{{input}}');
    expect(templateFromBytes(Buffer.from('\uFEFFÜberschrift für {{input}}\t\r\n'), 't')).toBe(
      'Überschrift für {{input}}',
    );
  });

  it('refuses binary content, NULs, invalid UTF-8, oversized text and a missing or doubled {{input}}', () => {
    expect(() => checkTemplateText('Name {{input}}\u0000 now', 'variant b')).toThrow(
      'variant b contains a NUL or another control character; a template is plain text',
    );
    expect(() => templateFromBytes(Buffer.from([0x4e, 0x61, 0xff, 0xfe, 0x7b]), 'variant a: x.bin')).toThrow(
      'variant a: x.bin is not UTF-8 text',
    );
    expect(() => checkTemplateText(`${'x'.repeat(MAX_TEMPLATE_BYTES)}{{input}}`, 'variant a')).toThrow(
      'variant a is 32,777 bytes; a template is at most 32,768 bytes',
    );
    expect(() => templateFromBytes(new Uint8Array(50 * 1024 * 1024), 'variant a: big.txt')).toThrow(
      'variant a: big.txt is 50.0 MB; a template is at most 32,768 bytes',
    );
    expect(() => checkTemplateText('no placeholder', 'variant a')).toThrow(/exactly once .* found 0/);
    expect(() => checkTemplateText('{{input}} {{input}}', 'variant a')).toThrow(/found 2/);
    expect(() => checkTemplateText(' \n ', 'variant a')).toThrow('variant a is empty');
  });

  it('guards the core, not only the CLI: a bad template starts no session and writes nothing', () => {
    const core = openTestCore(newDir());
    try {
      const before = dumpDatabase(core.ctx.dataDir);
      expect(() =>
        createManualSession(core.ctx, 'file-naming', ['Good {{input}}', `Bad\u0000{{input}}`]),
      ).toThrow(/variant B contains a NUL/);
      expect(dumpDatabase(core.ctx.dataDir)).toEqual(before);
    } finally {
      core.close();
    }
  });
});
