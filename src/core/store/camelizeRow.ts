type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A row type with its snake_case column names as camelCase property names. */
export type Camelized<Row> = { [K in keyof Row as CamelCase<K & string>]: Row[K] };

/**
 * Renames a parsed row's columns to camelCase, so each repository declares its columns once (the zod
 * row schema) and derives the domain type from it instead of restating it.
 */
export function camelizeRow<Row extends Record<string, unknown>>(row: Row): Camelized<Row> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return out as Camelized<Row>;
}
