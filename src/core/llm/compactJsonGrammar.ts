import type { GbnfJsonSchema, Llama, LlamaGrammar, LlamaJsonSchemaGrammar } from 'node-llama-cpp';

export interface JsonGrammar {
  /** Constrains generation: compact JSON, then end of text. */
  generation: LlamaGrammar;
  /** Parses and checks a generated text against the schema (throws on failure). */
  parse(text: string): unknown;
}

const WHITESPACE_RULE = /^((?:comma-)?whitespace-[\w-]+-rule) ::= .*$/gm;
const ROOT_TRAILER = ' "\\n\\n\\n\\n" [\\n]*';

/**
 * node-llama-cpp's JSON-schema grammar lets the model pretty-print with newlines and 4-space
 * indents, and then forces four newlines before it stops: a small model takes those tokens, so a
 * short object costs dozens of extra tokens. Its generator has `allowNewLines: false` but does not
 * export it, so we rewrite the generated GBNF: every whitespace rule becomes "at most one space"
 * and the root ends at the closing brace, which leaves end-of-text as the only next token.
 * The library's own grammar is kept for parsing, since it validates against the same schema.
 */
export async function compactJsonGrammar(
  llama: Llama,
  schema: Record<string, unknown>,
): Promise<JsonGrammar> {
  // The schema comes from zod at run time; the generic's literal-type inference has nothing to add.
  const full = (await llama.createGrammarForJsonSchema(
    schema as Parameters<Llama['createGrammarForJsonSchema']>[0],
  )) as LlamaJsonSchemaGrammar<GbnfJsonSchema>;
  const gbnf = full.grammar
    .replace(WHITESPACE_RULE, (_line, name: string) =>
      name.startsWith('comma-') ? `${name} ::= "," [ ]?` : `${name} ::= [ ]?`,
    )
    .replace(/^(root ::= .*)$/m, (root: string) =>
      root.endsWith(ROOT_TRAILER) ? root.slice(0, -ROOT_TRAILER.length) : root,
    );
  const generation = await llama.createGrammar({ grammar: gbnf });
  return { generation, parse: (text) => full.parse(text) };
}
