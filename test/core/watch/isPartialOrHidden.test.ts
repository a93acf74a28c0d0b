import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARTIAL_DOWNLOAD_SUFFIXES, shouldIgnoreName } from '../../../src/core/watch/isPartialOrHidden';

/** Names a user would download: no leading dot, no `~$`, a real extension. */
const ordinaryName = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _()-]{0,30}$/),
    fc.constantFrom('pdf', 'png', 'JPG', 'docx', 'txt', 'zip', 'dmg', 'mov', 'md', 'tar.gz'),
  )
  .map(([stem, extension]) => `${stem}.${extension}`);

describe('shouldIgnoreName', () => {
  it.each([
    '.DS_Store',
    '.localized',
    '.notes.md.swp',
    'report.pdf.crdownload',
    'movie.mkv.part',
    'setup.exe.partial',
    'Photo.heic.download',
    'archive.zip.opdownload',
    'upload.tmp',
    'linux.iso.!qB',
    'linux.iso.!ut',
    '.Budget.xlsx.icloud',
    'Budget.xlsx.icloud',
    '~$Quarterly report.docx',
    'Icon\r',
    'MOVIE.MKV.PART',
  ])('ignores %j', (name) => {
    expect(shouldIgnoreName(name)).toBe(true);
  });

  it.each([
    'invoice-2024.pdf',
    'Screenshot 2025-03-01 at 10.12.03.png',
    'participants.csv', // contains "part" but is not a partial download
    'download.pdf',
    'Icon.png',
    'Icon',
    'meeting~notes.txt',
    'temp.txt',
  ])('keeps %j', (name) => {
    expect(shouldIgnoreName(name)).toBe(false);
  });

  it('keeps every ordinary file name', () => {
    fc.assert(fc.property(ordinaryName, (name) => !shouldIgnoreName(name)));
  });

  it('ignores every hidden name', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (rest) => shouldIgnoreName(`.${rest}`)));
  });

  it('ignores an ordinary name while it downloads, whatever the case of the suffix', () => {
    fc.assert(
      fc.property(
        ordinaryName,
        fc.constantFrom(...PARTIAL_DOWNLOAD_SUFFIXES),
        fc.boolean(),
        (name, suffix, upper) => shouldIgnoreName(name + (upper ? suffix.toUpperCase() : suffix)),
      ),
    );
  });

  it('ignores the Office lock file of every ordinary name', () => {
    fc.assert(fc.property(ordinaryName, (name) => shouldIgnoreName(`~$${name}`)));
  });
});
