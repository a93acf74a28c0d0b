import { describe, expect, it } from 'vitest';
import { compactJsonGrammar } from '../../../src/core/llm/compactJsonGrammar';
import { sharedLlama } from '../../../src/core/llm/sharedLlama';

const schema = {
  type: 'object',
  properties: {
    items: { type: 'array', maxItems: 2, items: { type: 'object', properties: { a: { type: 'string' } } } },
    n: { type: 'integer' },
  },
  required: ['items', 'n'],
  additionalProperties: false,
};

describe('compactJsonGrammar', () => {
  it('allows no newline or indentation and ends at the closing brace', async () => {
    const llama = await sharedLlama();
    const full = await llama.createGrammarForJsonSchema(schema as never);
    expect(full.grammar).toContain('[\\n]');
    const { generation } = await compactJsonGrammar(llama, schema);
    expect(generation.grammar).not.toContain('[\\n]');
    expect(generation.grammar).not.toMatch(/" {4}"|\\t/);
    expect(generation.grammar).toMatch(/^root ::= .*"}"$/m);
  });

  it('parses and validates against the schema', async () => {
    const grammar = await compactJsonGrammar(await sharedLlama(), schema);
    expect(grammar.parse('{"items":[{"a":"x"}],"n":3}')).toEqual({ items: [{ a: 'x' }], n: 3 });
    expect(() => grammar.parse('{"items":[],"n":"three"}')).toThrow();
    expect(() => grammar.parse('{"items":[')).toThrow(SyntaxError);
  });
});
