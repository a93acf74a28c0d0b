/** USD per million tokens, the way providers publish prices. */
export interface TokenPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * List prices of common OpenAI models (USD per 1M tokens, standard tier, as published in 2025).
 * Code rather than config: a price is a fact about the provider, not a user preference, and a wrong
 * one typed into a YAML file would silently lift the budget.
 */
export const judgePrices: Readonly<Record<string, TokenPrice>> = {
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
};

/**
 * Price charged for a model missing from {@link judgePrices} (another provider, a new model): the
 * dearest common judge (gpt-4o), so an unknown model can only make the budget run out early, never late.
 */
export const DEFAULT_TOKEN_PRICE: TokenPrice = { inputPerMillion: 2.5, outputPerMillion: 10 };

/**
 * The price of a model: an exact entry, else the entry for its dated snapshot's base name
 * (`gpt-5-mini-2025-08-07` → `gpt-5-mini`), else {@link DEFAULT_TOKEN_PRICE}.
 */
export function priceFor(
  model: string,
  table: Readonly<Record<string, TokenPrice>> = judgePrices,
): TokenPrice {
  const exact = table[model];
  if (exact) return exact;
  const base = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return table[base] ?? DEFAULT_TOKEN_PRICE;
}

/** Cost in USD of one call with the given token counts. */
export function costUsd(
  price: TokenPrice,
  usage: { promptTokens: number; completionTokens: number },
): number {
  return (usage.promptTokens * price.inputPerMillion + usage.completionTokens * price.outputPerMillion) / 1e6;
}
