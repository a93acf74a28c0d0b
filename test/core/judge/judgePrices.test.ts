import { describe, expect, it } from 'vitest';
import { costUsd, DEFAULT_TOKEN_PRICE, priceFor } from '../../../src/core/judge/judgePrices';
import { toStrictJsonSchema } from '../../../src/core/judge/toStrictJsonSchema';

describe('judge prices', () => {
  it('prices a call from its usage per million tokens', () => {
    // gpt-5-mini: $0.25 in, $2.00 out per 1M tokens
    expect(costUsd(priceFor('gpt-5-mini'), { promptTokens: 1_000_000, completionTokens: 0 })).toBeCloseTo(
      0.25,
      12,
    );
    expect(costUsd(priceFor('gpt-5-mini'), { promptTokens: 2000, completionTokens: 100 })).toBeCloseTo(
      0.0005 + 0.0002,
      12,
    );
  });

  it('maps dated snapshots to their model and unknown models to the conservative default', () => {
    expect(priceFor('gpt-4o-mini-2024-07-18')).toEqual(priceFor('gpt-4o-mini'));
    expect(priceFor('some-local-model')).toBe(DEFAULT_TOKEN_PRICE);
  });
});

describe('toStrictJsonSchema', () => {
  it('requires every property, forbids others, and drops length bounds at every depth', () => {
    const strict = toStrictJsonSchema({
      $schema: 'x',
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 10 },
        inner: { type: 'object', properties: { maxLength: { type: 'integer', enum: [1, 2] } } },
      },
      required: ['name'],
    });
    expect(strict).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        inner: {
          type: 'object',
          properties: { maxLength: { type: 'integer', enum: [1, 2] } },
          required: ['maxLength'],
          additionalProperties: false,
        },
      },
      required: ['name', 'inner'],
      additionalProperties: false,
    });
  });
});
