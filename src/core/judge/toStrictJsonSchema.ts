/** Keywords some strict structured-output implementations reject; the zod parse enforces them instead. */
const DROPPED = new Set(['maxLength', 'minLength', '$schema']);

/**
 * Rewrites a JSON Schema into the subset OpenAI's strict `json_schema` mode accepts: every object
 * lists all its properties as required and forbids others; string length bounds are dropped.
 */
export function toStrictJsonSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, strictValue(sub)]),
      );
    } else {
      out[key] = strictValue(value);
    }
  }
  if (out.type === 'object') {
    out.required = Object.keys((out.properties as Record<string, unknown> | undefined) ?? {});
    out.additionalProperties = false;
  }
  return out;
}

function strictValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strictValue);
  if (value && typeof value === 'object') return toStrictJsonSchema(value as Record<string, unknown>);
  return value;
}
