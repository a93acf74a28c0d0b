import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  moveWithoutOverwrite,
  NameTakenError,
  proposedFileName,
  renameToFreeName,
  userFileName,
} from '../../../src/core/suggestions/renameFile';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

describe('moveWithoutOverwrite', () => {
  it('moves a file and refuses to replace an existing one', () => {
    const dir = newDir();
    writeFileSync(join(dir, 'a.txt'), 'A');
    writeFileSync(join(dir, 'b.txt'), 'B');
    expect(() => moveWithoutOverwrite(join(dir, 'a.txt'), join(dir, 'b.txt'))).toThrow(NameTakenError);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('B');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('A');
    moveWithoutOverwrite(join(dir, 'a.txt'), join(dir, 'c.txt'));
    expect(readdirSync(dir).sort()).toEqual(['b.txt', 'c.txt']);
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('A');
  });
});

describe('renameToFreeName', () => {
  it('adds -2, -3 … when the name is taken, never touching the other files', () => {
    const dir = newDir();
    writeFileSync(join(dir, 'invoice-acme-2024.pdf'), 'first');
    writeFileSync(join(dir, 'invoice-acme-2024-2.pdf'), 'second');
    writeFileSync(join(dir, 'scan001.pdf'), 'third');
    const to = renameToFreeName(join(dir, 'scan001.pdf'), 'invoice-acme-2024.pdf');
    expect(to).toBe(join(dir, 'invoice-acme-2024-3.pdf'));
    expect(readFileSync(to, 'utf8')).toBe('third');
    expect(readFileSync(join(dir, 'invoice-acme-2024.pdf'), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'invoice-acme-2024-2.pdf'), 'utf8')).toBe('second');
  });

  it('keeps the file where it is when the name is its own', () => {
    const dir = newDir();
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'same.pdf'), 'z');
    expect(renameToFreeName(join(dir, 'x', 'same.pdf'), 'same.pdf')).toBe(join(dir, 'x', 'same.pdf'));
  });
});

describe('proposedFileName', () => {
  it('keeps the file’s own extension whatever the model wrote', () => {
    expect(proposedFileName('acme-invoice-july-2024.txt', 'Scan 001.PDF')).toBe('acme-invoice-july-2024.PDF');
    expect(proposedFileName('acme-invoice-july-2024', 'scan.pdf')).toBe('acme-invoice-july-2024.pdf');
    expect(proposedFileName('Acme Invoice/July', 'notes')).toBe('acme-invoice-july');
  });

  it('answers null when nothing usable is left', () => {
    expect(proposedFileName('-- .pdf', 'scan.pdf')).toBeNull();
    expect(proposedFileName('***', 'scan.pdf')).toBeNull();
  });
});

describe('userFileName', () => {
  it('keeps the file type unless the typed name already ends with it', () => {
    expect(userFileName('July invoice', 'scan.pdf')).toBe('July invoice.pdf');
    expect(userFileName('july.PDF', 'scan.pdf')).toBe('july.PDF');
    expect(userFileName('report v2.1', 'scan.pdf')).toBe('report v2.1.pdf');
    expect(userFileName('  notes  ', 'README')).toBe('notes');
  });

  it('rejects what cannot be a file name, saying why', () => {
    expect(() => userFileName('   ', 'a.pdf')).toThrow(/empty/);
    expect(() => userFileName('a/b', 'a.pdf')).toThrow(/\/ or :/);
    expect(() => userFileName('a:b', 'a.pdf')).toThrow(/\/ or :/);
    expect(() => userFileName('.hidden', 'a.pdf')).toThrow(/dot/);
    expect(() => userFileName('a\u0007b', 'a.pdf')).toThrow(/control/);
    expect(() => userFileName('x'.repeat(300), 'a.pdf')).toThrow(/255 bytes/);
  });
});
