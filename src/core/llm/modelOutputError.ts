/**
 * The model's text is not the JSON that was asked for: cut off by the token cap, or (rarely, since
 * generation is grammar-constrained) not valid against the schema; or the request cannot fit the
 * context at all. Carries the raw text for logs.
 */
export class ModelOutputError extends Error {
  override readonly name = 'ModelOutputError';
  constructor(
    readonly model: string,
    readonly reason: 'max-tokens' | 'invalid-json' | 'schema' | 'context-overflow',
    readonly text: string,
    detail: string,
  ) {
    super(`${model}: ${detail}`);
  }
}
