import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { UserInputError } from '../../../src/core/coreContext';
import { buildSkillInput, FILE_HEAD_BYTES, languageOf } from '../../../src/core/runner/buildSkillInput';
import { markdownVersionFile } from '../../../src/core/runner/markdownVersions';
import { decodeUtf8, isLikelyText } from '../../../src/core/runner/readInputSource';
import { formatStoredInput, getSkill } from '../../../src/core/skills';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tinyarms-input-'));
  dirs.push(dir);
  return dir;
}

const clock = fixedClock(new Date(2026, 2, 2, 23, 30)); // local time: 2 March, late evening

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

describe('file naming input', () => {
  it('takes name, extension, size, dates and a text excerpt from a real text file', async () => {
    const dir = tempDir();
    const file = join(dir, 'Notes FINAL (2).TXT');
    writeFileSync(file, 'Kickoff meeting with Globex\nBudget: 40k\n');
    utimesSync(file, new Date('2025-09-01T10:00:00Z'), new Date('2025-09-02T11:00:00Z'));
    const { input, path } = await buildSkillInput('file-naming', { target: file, dataDir: dir, clock });
    expect(path).toBe(file);
    expect(input).toMatchObject({
      originalName: 'Notes FINAL (2).TXT',
      extension: 'txt',
      sizeBytes: 40,
      modifiedAt: '2025-09-02T11:00:00.000Z',
      excerpt: 'Kickoff meeting with Globex\nBudget: 40k\n',
    });
    expect(input).not.toHaveProperty('metadata');
    const prompt = formatStoredInput(getSkill('file-naming'), input);
    expect(prompt).toContain('content: Kickoff meeting with Globex | Budget: 40k');
  });

  it('reads only the first few KB of a large text file', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.log');
    writeFileSync(file, 'x'.repeat(FILE_HEAD_BYTES * 50));
    const { input } = await buildSkillInput('file-naming', { target: file, dataDir: dir, clock });
    expect(input).toMatchObject({ sizeBytes: FILE_HEAD_BYTES * 50 });
    expect((input as { excerpt: string }).excerpt).toHaveLength(FILE_HEAD_BYTES);
  });

  it('gives a binary file metadata only, never its bytes as text', async () => {
    const dir = tempDir();
    const file = join(dir, 'IMG_0042.PNG');
    const png = Buffer.alloc(64);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(0x0d0a1a0a, 4);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(1280, 16);
    png.writeUInt32BE(720, 20);
    writeFileSync(file, png);
    const { input } = await buildSkillInput('file-naming', { target: file, dataDir: dir, clock });
    expect(input).toMatchObject({
      originalName: 'IMG_0042.PNG',
      extension: 'png',
      sizeBytes: 64,
      metadata: { format: 'PNG image', dimensions: '1280x720' },
    });
    expect(input).not.toHaveProperty('excerpt');
  });

  it('names standard input with --name', async () => {
    const dir = tempDir();
    const { input, path } = await buildSkillInput('file-naming', {
      target: '-',
      dataDir: dir,
      clock,
      name: 'draft.md',
      stdin: chunks('# Trip to ', 'Lisbon'),
    });
    expect(path).toBeNull();
    expect(input).toMatchObject({ originalName: 'draft.md', extension: 'md', excerpt: '# Trip to Lisbon' });
  });

  it('says which file is missing', async () => {
    const dir = tempDir();
    await expect(
      buildSkillInput('file-naming', { target: join(dir, 'nope.txt'), dataDir: dir, clock }),
    ).rejects.toThrow(new UserInputError(`no file ${join(dir, 'nope.txt')}`));
  });
});

describe('code linting input', () => {
  it('takes the code and the language from the extension, with the default rules', async () => {
    const dir = tempDir();
    const file = join(dir, 'Button.tsx');
    writeFileSync(file, "const color = '#ff0000';\n");
    const { input } = await buildSkillInput('code-linting', { target: file, dataDir: dir, clock });
    expect(input).toEqual({ code: "const color = '#ff0000';\n", language: 'typescript', path: 'Button.tsx' });
    expect(formatStoredInput(getSkill('code-linting'), input)).toContain('no-hardcoded-colors');
  });

  it('refuses a binary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.py');
    writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    await expect(buildSkillInput('code-linting', { target: file, dataDir: dir, clock })).rejects.toThrow(
      /is not a text file; code-linting needs text/,
    );
  });

  it('maps extensions to languages', () => {
    expect(languageOf('a.py')).toBe('python');
    expect(languageOf('lib.rs')).toBe('rust');
    expect(languageOf('x.zig')).toBe('zig');
    expect(languageOf('Makefile')).toBe('text');
  });
});

describe('markdown analysis input', () => {
  it('compares with --previous, else the version kept by the last analysis, else nothing', async () => {
    const dataDir = tempDir();
    const docs = tempDir();
    const file = join(docs, 'README.md');
    const old = join(docs, 'README.old.md');
    writeFileSync(old, '# Intro\nv1\n');
    writeFileSync(file, '# Intro\nv2\n');

    const first = await buildSkillInput('markdown-analysis', { target: file, dataDir, clock });
    expect(first.input).toEqual({ previous: '', current: '# Intro\nv2\n', path: 'README.md' });
    expect(existsSync(markdownVersionFile(dataDir, file))).toBe(false);
    first.afterRecorded();

    writeFileSync(file, '# Intro\nv3\n');
    const second = await buildSkillInput('markdown-analysis', { target: file, dataDir, clock });
    expect(second.input).toMatchObject({ previous: '# Intro\nv2\n', current: '# Intro\nv3\n' });

    const explicit = await buildSkillInput('markdown-analysis', {
      target: file,
      dataDir,
      clock,
      previous: old,
    });
    expect(explicit.input).toMatchObject({ previous: '# Intro\nv1\n', current: '# Intro\nv3\n' });
  });

  it('keeps versions of two files with the same name apart', () => {
    const dataDir = tempDir();
    expect(markdownVersionFile(dataDir, '/a/README.md')).not.toBe(
      markdownVersionFile(dataDir, '/b/README.md'),
    );
  });
});

describe('audio actions input', () => {
  it("takes the transcript and today's local date from the clock", async () => {
    const dir = tempDir();
    const file = join(dir, 'memo.txt');
    writeFileSync(file, '  Remind me to call the dentist tomorrow at nine.\n');
    const { input } = await buildSkillInput('audio-actions', { target: file, dataDir: dir, clock });
    expect(input).toEqual({
      transcript: 'Remind me to call the dentist tomorrow at nine.',
      today: '2026-03-02',
    });
  });

  it('refuses an empty transcript', async () => {
    const dir = tempDir();
    await expect(
      buildSkillInput('audio-actions', { target: '-', dataDir: dir, clock, stdin: chunks('  \n') }),
    ).rejects.toThrow(/standard input is empty/);
  });
});

describe('text detection', () => {
  it('accepts UTF-8 cut in the middle of a character and rejects NUL bytes and Latin-1', () => {
    const euro = Buffer.from('price €', 'utf8');
    expect(decodeUtf8(euro.subarray(0, euro.length - 1))).toBe('price ');
    expect(isLikelyText(euro.subarray(0, euro.length - 2))).toBe(true);
    expect(isLikelyText(Buffer.from([0x61, 0x00, 0x62]))).toBe(false);
    expect(isLikelyText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]))).toBe(false);
  });
});
