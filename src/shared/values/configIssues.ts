import type { z } from 'zod';
import { formatKeyPath, suggestConfigKey } from './suggestConfigKey';

// How a config problem is worded, key by key, for the core (loading, saving) and the preferences
// window (inline messages under the same schema) alike.

/** One problem in a config file, e.g. `{ key: 'ab_testing.min_votes', problem: 'must be ≤ max_votes (50), got 80' }`. */
export interface ConfigIssue {
  /** Key path; empty when the problem is the file itself (unreadable, broken YAML). */
  key: string;
  problem: string;
}

/** A message quotes this much of a text value: enough to recognise it, not a 200 KB line. */
const MAX_QUOTED_CHARS = 60;

/** A value as the user would recognise it from their YAML. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return value.length > MAX_QUOTED_CHARS
      ? `${JSON.stringify(value.slice(0, MAX_QUOTED_CHARS))}… (${value.length.toLocaleString('en-US')} characters)`
      : JSON.stringify(value);
  }
  return String(value);
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping of settings (key: value)',
  array: 'a list',
};

function problemOf(issue: z.core.$ZodIssue): string {
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}, got ${got}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}, got ${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}, got ${got}`;
    case 'invalid_format':
      // A pattern's own message says what the key looks like (`must be HH:MM-HH:MM, …`).
      if (issue.format === 'regex') return `${issue.message}, got ${got}`;
      return `must be ${issue.format === 'url' ? 'an http(s) URL' : `a valid ${issue.format}`}, got ${got}`;
    default:
      return issue.message;
  }
}

/** Turns zod issues (parsed with `reportInput: true`) into one issue per offending key. */
export function toConfigIssues(issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const suggestion = suggestConfigKey(issue.path as (string | number)[], key);
        return {
          key: formatKeyPath([...(issue.path as (string | number)[]), key]),
          problem: `is not a known setting${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
        };
      });
    }
    return [{ key: formatKeyPath(issue.path as (string | number)[]), problem: problemOf(issue) }];
  });
}
