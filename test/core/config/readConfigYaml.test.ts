import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { readConfigYaml } from '../../../src/core/config/readConfigYaml';

/** Found by the hostile-YAML sweep (test/reliability/hostileYaml.test.ts); each failed on the old loader. */
describe('readConfigYaml on hostile input', () => {
  it('refuses deep nesting before composing it (the composer relied on catching a stack overflow)', () => {
    for (const text of [
      `model: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      `model:\n  ${'- '.repeat(10_000)}x\n`,
      `model:\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`,
    ]) {
      const read = readConfigYaml(text);
      expect(read).toMatchObject({
        ok: false,
        issue: { problem: expect.stringMatching(/nests deeper than 32 levels at line \d+/) },
      });
    }
    // An overflow that lands inside V8's RegExp compiler is a fatal OOM; the block case names its key.
    expect(readConfigYaml(`model:\n  ${'- '.repeat(10_000)}x\n`)).toMatchObject({ issue: { key: 'model' } });
  });

  it('refuses 20,000 keys at once (the duplicate-key check of the yaml package is quadratic)', () => {
    const read = readConfigYaml(Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n'));
    expect(read).toMatchObject({
      ok: false,
      issue: { problem: expect.stringMatching(/more than 10,000 keys/) },
    });
  });

  it('still finds a duplicate key, naming it and its line', () => {
    expect(readConfigYaml('ab_testing:\n  max_votes: 40\n  max_votes: 41\n')).toEqual({
      ok: false,
      issue: {
        key: '',
        problem:
          'is not valid YAML at line 3, column 3: ab_testing.max_votes is written twice (map keys must be unique)',
      },
    });
  });

  it('reads a %YAML 1.1 file under the core schema: no yes/no booleans, octal, timestamps or merge keys', () => {
    const read = readConfigYaml(
      '%YAML 1.1\n---\nevolution: {paused: yes}\nmodel: {name: 2001-12-14, context_size: 010}\nab: {<<: {x: 1}}\n',
    );
    expect(read).toEqual({
      ok: true,
      raw: {
        evolution: { paused: 'yes' },
        model: { name: '2001-12-14', context_size: 10 },
        ab: { '<<': { x: 1 } },
      },
      issues: [],
    });
  });

  it('drops a tagged value with its key, reported once', () => {
    expect(readConfigYaml('model: !!binary aGk=\nab_testing: {max_votes: 40}\n')).toEqual({
      ok: true,
      raw: { ab_testing: { max_votes: 40 } },
      issues: [{ key: 'model', problem: 'uses the YAML tag !!binary, which settings do not take' }],
    });
  });

  it('drops a value with an escaped NUL, and calls a billion-laughs file an alias bomb', () => {
    expect(readConfigYaml('model: {name: "a\\0b"}\n')).toMatchObject({
      ok: true,
      issues: [{ key: 'model.name', problem: expect.stringMatching(/NUL/) }],
    });
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(readConfigYaml(laughs.join('\n'))).toMatchObject({
      ok: false,
      issue: { problem: expect.stringMatching(/alias bomb/) },
    });
  });
});

describe('loadConfig on bytes that are not a settings text', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tinyarms-bytes-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const load = (bytes: string | Buffer) => {
    writeFileSync(join(dir, 'config.yaml'), bytes);
    return loadConfig(dir);
  };

  it('refuses invalid UTF-8 (it was read as U+FFFD into model.name) and NUL bytes, naming the line', () => {
    const utf8 = load(
      Buffer.concat([Buffer.from('model:\n  name: "'), Buffer.from([0xff, 0xfe, 0x22, 0x0a])]),
    );
    expect(utf8.error?.message).toMatch(
      /config\.yaml is not UTF-8 text \(line 2\); save it as UTF-8; using the default settings$/,
    );
    expect(utf8.config.model.name).toBe('smollm2-360m-instruct-q4_k_m');
    const nul = load(Buffer.concat([Buffer.from('ab_testing:\n  max_votes: 40\n'), Buffer.alloc(64)]));
    expect(nul.error?.message).toMatch(/contains a NUL byte at line 3/);
  });

  it('quotes at most 60 characters of a value and of a key in its one-line message', () => {
    const long = load(`ab_testing:\n  max_votes: "${'9'.repeat(200_000)}"\n? ${'k'.repeat(5_000)}\n: 1\n`);
    expect(long.error?.message.length).toBeLessThan(400);
    expect(long.error?.message).toContain('… (200,000 characters)');
  });
});
