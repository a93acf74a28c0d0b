import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

/** One hostile `config.yaml` and what every command must say about it. */
export interface HostileYamlCase {
  name: string;
  /** Writes the hostile file (or directory) at `path`, replacing whatever is there. */
  write(path: string): void;
  /**
   * What the one warning line (reads) or error line (writes) must contain: the bad key for a value
   * problem, the reason for a whole-file one (the file's path is checked for every case).
   */
  names: RegExp;
}

const text = (body: string | Buffer) => (path: string) => {
  rmSync(path, { recursive: true, force: true });
  writeFileSync(path, body);
};

/** Billion laughs: nine levels of nine aliases, 9⁹ "lol"s once expanded, 400 bytes on disk. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\nab_testing:\n  max_votes: 40\n`;
}

/** A 64 MiB folder list: 256 times the size cap, built without a 64 MiB string. */
function writeHugeList(path: string): void {
  rmSync(path, { recursive: true, force: true });
  const line = Buffer.from('    - /Users/someone/a/folder/that/is/watched\n');
  const head = Buffer.from('watchers:\n  folders:\n');
  const count = Math.ceil((64 * 1024 * 1024) / line.length);
  const body = Buffer.alloc(head.length + count * line.length);
  head.copy(body);
  for (let i = 0; i < count; i++) line.copy(body, head.length + i * line.length);
  writeFileSync(path, body);
}

const DEEP = 10_000;

/** The corpus: every way a `config.yaml` found on a user's disk can be hostile or broken. */
export const hostileYamlCorpus: readonly HostileYamlCase[] = [
  { name: 'billion laughs (alias bomb)', write: text(billionLaughs()), names: /alias bomb/ },
  {
    name: '!!binary under model',
    write: text('model: !!binary R0lGODlhAQABAAAAACw=\nab_testing:\n  max_votes: 40\n'),
    names: /model uses the YAML tag !!binary/,
  },
  {
    name: '!!set section',
    write: text('ab_testing: !!set {max_votes, min_votes}\n'),
    names: /ab_testing uses the YAML tag !!set/,
  },
  {
    name: '!!omap section',
    write: text('evolution: !!omap [paused: true]\n'),
    names: /evolution uses the YAML tag !!omap/,
  },
  {
    name: '!!timestamp value',
    write: text('notifications:\n  quiet_hours: !!timestamp 2001-12-14\n'),
    names: /notifications\.quiet_hours uses the YAML tag !!timestamp/,
  },
  {
    name: '!!js/function value',
    write: text('model:\n  name: !!js/function "function () { return process.exit(1) }"\n'),
    names: /model\.name uses the YAML tag !!js\/function/,
  },
  {
    name: 'unknown !foo tag',
    write: text('judge: !foo {enabled: true}\n'),
    names: /judge uses the YAML tag !foo/,
  },
  {
    name: '%YAML 1.1 directive (yes/no booleans)',
    write: text('%YAML 1.1\n---\nevolution:\n  paused: yes\n'),
    names: /evolution\.paused must be true or false, got "yes"/,
  },
  {
    name: `flow nesting ${DEEP.toLocaleString('en-US')} deep`,
    write: text(`model: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`),
    names: /nests deeper than 32 levels/,
  },
  {
    name: `flow mappings ${DEEP.toLocaleString('en-US')} deep`,
    write: text(`model: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`),
    names: /nests deeper than 32 levels/,
  },
  {
    name: `block sequences ${DEEP.toLocaleString('en-US')} deep`,
    write: text(`model:\n  ${'- '.repeat(DEEP)}x\n`),
    names: /model nests deeper than 32 levels/,
  },
  {
    name: 'block mappings 500 deep (indented)',
    write: text(
      `model:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`,
    ),
    names: /model nests deeper than 32 levels/,
  },
  {
    name: '20,000 keys (under the size cap)',
    write: text(Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')),
    names: /holds more than 10,000 keys and list items/,
  },
  { name: '64 MiB list', write: writeHugeList, names: /is larger than 256 KB/ },
  {
    name: 'just over the 256 KB cap',
    write: text(`# ${'x'.repeat(256 * 1024)}\nab_testing:\n  max_votes: 40\n`),
    names: /is larger than 256 KB/,
  },
  {
    name: 'invalid UTF-8',
    write: text(
      Buffer.concat([Buffer.from('model:\n  name: "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x22, 0x0a])]),
    ),
    names: /is not UTF-8 text \(line 2\)/,
  },
  {
    name: 'BOM, then a bad value',
    write: text(Buffer.from('\uFEFFab_testing:\n  max_votes: x\n')),
    names: /ab_testing\.max_votes must be a number, got "x"/,
  },
  {
    name: 'duplicate key',
    write: text('ab_testing:\n  max_votes: 40\n  max_votes: 41\n'),
    names: /line 3, column 3: ab_testing\.max_votes is written twice/,
  },
  {
    name: 'NUL bytes (a crash-zeroed tail)',
    write: text(Buffer.concat([Buffer.from('ab_testing:\n  max_votes: 40\n'), Buffer.alloc(4096)])),
    names: /contains a NUL byte at line 3/,
  },
  {
    name: 'escaped NUL in a value',
    write: text('model:\n  name: "smollm2\\0.gguf"\n'),
    names: /model\.name contains a NUL/,
  },
  {
    name: 'top level is a list',
    write: text('- ab_testing\n- model\n'),
    names: /\(top level\) must be a mapping/,
  },
  {
    name: 'top level is a scalar',
    write: text('just some text\n'),
    names: /\(top level\) must be a mapping/,
  },
  {
    name: 'wrong type: ab_testing.max_votes "x"',
    write: text('ab_testing: { max_votes: "x" }\n'),
    names: /ab_testing\.max_votes must be a number, got "x"/,
  },
  {
    name: 'wrong type: model a list, notifications.enabled a number',
    write: text('model: [a, b]\nnotifications:\n  enabled: 3\n'),
    names:
      /model must be a mapping.*notifications\.enabled must be true or false|notifications\.enabled must be true or false.*model must be a mapping/,
  },
  {
    name: '200 KB value',
    write: text(`ab_testing:\n  max_votes: "${'9'.repeat(200_000)}"\n`),
    names: /ab_testing\.max_votes must be a number, got "9{60}"… \(200,000 characters\)/,
  },
  {
    name: 'config.yaml is a directory',
    write: (path) => {
      rmSync(path, { recursive: true, force: true });
      mkdirSync(path);
    },
    names: /cannot be read \(EISDIR\)/,
  },
];
