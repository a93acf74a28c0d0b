import {
  Composer,
  type CST,
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  visit,
  type YAMLParseError,
} from 'yaml';
import type { ConfigIssue } from '../../shared/values/configIssues';
import { formatKeyPath } from '../../shared/values/suggestConfigKey';

/** The only tags a settings file needs: YAML's core schema. Others (`!!binary`, `!!set`…) are refused. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);
/**
 * Settings nest three levels (`judge.cloud.base_url`). The YAML composer recurses once per level and
 * relies on catching the stack overflow; an overflow that lands inside V8's RegExp compiler is a fatal
 * "process out of memory" instead, so deeper files are refused before they are composed.
 */
export const CONFIG_MAX_DEPTH = 32;
/**
 * Entries (keys and list items) in the whole file. The settings are about 70 keys plus a few folder
 * lists; composing 50,000 entries (what 256 KB of `k: 1` holds) costs a second on a slow Mac.
 */
export const CONFIG_MAX_ENTRIES = 10_000;
/** Alias expansions allowed in `toJS` (the `yaml` package's defence against billion-laughs files). */
const MAX_ALIAS_COUNT = 100;
/** What YAML does not allow in a stream besides tab and line breaks: NUL and the other C0 controls, DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The document as data with the issues of the values dropped from it, or why no value could be used. */
export type ConfigYaml =
  | { ok: true; raw: unknown; issues: ConfigIssue[] }
  | { ok: false; issue: ConfigIssue };

type Position = { line: number; col: number };

function fileProblem(problem: string, key = ''): ConfigYaml {
  return { ok: false, issue: { key, problem } };
}

function at(pos: Position): string {
  return `line ${pos.line}, column ${pos.col}`;
}

type StructureProblem = { kind: 'depth' | 'entries'; offset: number; topKey: string };

/**
 * The token tree, stopping at the first lexeme that shows the file is too deep or too big, so a
 * 256 KB run of `[` or `- ` costs a few milliseconds instead of a full parse. The flow depth is exact
 * here; each entry has at most two indicators (`?`/`-`/`,` and `:`), so more than twice the entry cap
 * is already too many.
 */
function parseTokens(text: string, lineCounter: LineCounter): { tokens: CST.Token[] } | StructureProblem {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  let flowDepth = 0;
  let indicators = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === '[' || lexeme === '{') flowDepth += 1;
    else if (lexeme === ']' || lexeme === '}') flowDepth = Math.max(0, flowDepth - 1);
    else if (lexeme === '-' || lexeme === '?' || lexeme === ':' || lexeme === ',') indicators += 1;
    if (flowDepth > CONFIG_MAX_DEPTH) return { kind: 'depth', offset: parser.offset, topKey: '' };
    if (indicators > 2 * CONFIG_MAX_ENTRIES) return { kind: 'entries', offset: parser.offset, topKey: '' };
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/**
 * Where the token tree is too deep or too big to compose, walked without recursion: the first
 * collection nested deeper than {@link CONFIG_MAX_DEPTH} (with the top-level key it is under), or the
 * entry past {@link CONFIG_MAX_ENTRIES}.
 */
function structureProblem(tokens: readonly CST.Token[]): StructureProblem | null {
  const stack: { token: CST.Token | undefined; depth: number; topKey: string }[] = tokens.map((token) => ({
    token,
    depth: 0,
    topKey: '',
  }));
  let entries = 0;
  while (stack.length > 0) {
    const { token, depth, topKey } = stack.pop() as (typeof stack)[number];
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth, topKey });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > CONFIG_MAX_DEPTH) return { kind: 'depth', offset: token.offset, topKey };
      entries += token.items.length;
      if (entries > CONFIG_MAX_ENTRIES) return { kind: 'entries', offset: token.offset, topKey: '' };
      for (const item of token.items) {
        const key = 'key' in item ? item.key : undefined;
        const name =
          depth === 0 && key && 'source' in key && typeof key.source === 'string'
            ? formatKeyPath([key.source])
            : topKey;
        stack.push({ token: key ?? undefined, depth: depth + 1, topKey: name });
        stack.push({ token: item.value, depth: depth + 1, topKey: name });
      }
    }
  }
  return null;
}

function keyName(pair: Pair): string {
  const key = pair.key as { value?: unknown } | null;
  return String(key?.value ?? key);
}

/** Why a value cannot be a setting, whatever its key: a tag outside the core schema, an escaped NUL. */
function refusal(node: unknown): string | null {
  if (!isNode(node)) return null;
  const { tag } = node;
  if (tag && !CORE_TAGS.has(tag)) {
    return `uses the YAML tag ${tag.replace('tag:yaml.org,2002:', '!!')}, which settings do not take`;
  }
  if (isScalar(node) && typeof node.value === 'string' && CONTROL_CHARACTER.test(node.value)) {
    return 'contains a NUL or another control character, which no setting takes';
  }
  return null;
}

/**
 * Parses a settings file's text under YAML's core schema, whatever `%YAML` directive it carries (a
 * `%YAML 1.1` line would otherwise turn `y:` into `true:` and `017` into 15). Bounded on every axis a
 * hostile file can push: nesting depth, alias expansion, and keys per mapping (the `yaml` package's own
 * duplicate-key check is quadratic: 20,000 keys cost seconds, so duplicates are found here with a set).
 *
 * A value under a foreign tag or holding a control character is dropped and named, so it costs the
 * user that key; anything that makes the whole document unusable is one file-level issue.
 */
export function readConfigYaml(text: string): ConfigYaml {
  const lineCounter = new LineCounter();
  const parsed = parseTokens(text, lineCounter);
  const structure = 'tokens' in parsed ? structureProblem(parsed.tokens) : parsed;
  if (structure) {
    const where = at(lineCounter.linePos(structure.offset));
    return structure.kind === 'depth'
      ? fileProblem(
          `nests deeper than ${CONFIG_MAX_DEPTH} levels at ${where}, which no setting does`,
          structure.topKey,
        )
      : fileProblem(
          `holds more than ${CONFIG_MAX_ENTRIES.toLocaleString('en-US')} keys and list items (at ${where}), which no settings file does`,
        );
  }
  const tokens = (parsed as { tokens: CST.Token[] }).tokens;

  const composer = new Composer({ schema: 'core', resolveKnownTags: false, uniqueKeys: false });
  const docs: Document.Parsed[] = [];
  for (const doc of composer.compose(tokens, true, text.length)) {
    docs.push(doc);
    if (docs.length === 2) break;
  }
  const [doc, second] = docs as [Document.Parsed, Document.Parsed?];
  if (doc.errors[0]) return fileProblem(`is not valid YAML at ${yamlProblem(doc.errors[0], lineCounter)}`);
  if (second) {
    return fileProblem(
      `is not valid YAML at ${at(lineCounter.linePos(second.range[0]))}: it holds a second document (---); settings are one`,
    );
  }

  const issues: ConfigIssue[] = [];
  let duplicate: string | null = null;
  const pathOf = (path: readonly unknown[], last?: Pair) => {
    const keys = [...path.filter(isPair), ...(last ? [last] : [])].map((pair) => keyName(pair as Pair));
    return keys.length > 0 ? formatKeyPath(keys) : '';
  };
  visit(doc, (_key, node, path) => {
    if (isPair(node)) {
      const problem = refusal(node.key) ?? refusal(node.value);
      if (!problem) return undefined;
      // The whole pair goes, so the key falls back to its default instead of being reported twice.
      issues.push({ key: pathOf(path, node), problem });
      return visit.REMOVE;
    }
    const problem = refusal(node);
    if (problem) {
      issues.push({ key: pathOf(path), problem });
      return visit.REMOVE;
    }
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(name)) {
          seen.add(name);
          continue;
        }
        const range = (pair.key as Node | null)?.range;
        duplicate = `${range ? `${at(lineCounter.linePos(range[0]))}: ` : ''}${pathOf(path, pair as Pair)} is written twice (map keys must be unique)`;
        return visit.BREAK;
      }
    }
    return undefined;
  });
  if (duplicate) return fileProblem(`is not valid YAML at ${duplicate}`);

  try {
    return { ok: true, raw: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), issues };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias count/i.test(message)) {
      return fileProblem(
        `expands its aliases (*name) past ${MAX_ALIAS_COUNT} copies, as an alias bomb does; no settings file needs that`,
      );
    }
    return fileProblem(`is not valid YAML: ${message}`);
  }
}

/** Position and first line of a parse error, e.g. `line 3, column 1: Unexpected flow-seq-end`. */
function yamlProblem(error: YAMLParseError, lineCounter: LineCounter): string {
  const firstLine = error.message.split('\n')[0] ?? error.code;
  return `${at(lineCounter.linePos(error.pos[0]))}: ${firstLine}`;
}
