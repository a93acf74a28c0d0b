/**
 * Metadata a binary file's first bytes give away for free. Naming needs something beyond the size:
 * "PNG image, 1280×720" already says more than `IMG_0042`. Unknown formats give `{}`.
 */
export function sniffBinary(head: Buffer): Record<string, string> {
  const ascii = head.subarray(0, 16).toString('latin1');
  if (ascii.startsWith('%PDF-')) return { format: `PDF document (version ${ascii.slice(5, 8)})` };
  if (head.length >= 24 && head.readUInt32BE(0) === 0x89504e47) {
    return { format: 'PNG image', dimensions: `${head.readUInt32BE(16)}x${head.readUInt32BE(20)}` };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return ascii.includes('Exif') ? { format: 'JPEG photo (has EXIF)' } : { format: 'JPEG image' };
  }
  if (ascii.startsWith('GIF8')) return { format: 'GIF image' };
  if (ascii.startsWith('PK\u0003\u0004')) {
    // Office documents and EPUBs are zip files; their first entry names the kind.
    const entries = head.subarray(30, 200).toString('latin1');
    if (entries.includes('word/')) return { format: 'Word document' };
    if (entries.includes('xl/')) return { format: 'Excel spreadsheet' };
    if (entries.includes('ppt/')) return { format: 'PowerPoint presentation' };
    if (entries.includes('mimetypeapplication/epub')) return { format: 'EPUB book' };
    return { format: 'ZIP archive' };
  }
  if (ascii.slice(4, 8) === 'ftyp') return { format: `MP4/QuickTime media (${ascii.slice(8, 12).trim()})` };
  if (ascii.startsWith('ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) {
    return { format: 'MP3 audio' };
  }
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WAVE') return { format: 'WAV audio' };
  return {};
}
