import type { ConfigIssue } from '../../shared/values/configIssues';

/**
 * What the returned config holds after an error: the user's valid settings with defaults for the bad
 * keys (`valid-settings-kept`), or nothing of the file (`defaults`: unreadable file, broken YAML).
 */
export type ConfigFallback = 'valid-settings-kept' | 'defaults';

const MAX_LISTED_ISSUES = 3;

/** A bad config file or value. `message` is a single line naming the file, the key and the problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly file: string | null;
  readonly issues: readonly ConfigIssue[];
  readonly fallback: ConfigFallback | null;

  constructor(file: string | null, issues: readonly ConfigIssue[], fallback: ConfigFallback | null = null) {
    super(formatMessage(file, issues, fallback));
    this.file = file;
    this.issues = issues;
    this.fallback = fallback;
  }
}

function formatMessage(file: string | null, issues: readonly ConfigIssue[], fallback: ConfigFallback | null) {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => (issue.key ? `${issue.key} ${issue.problem}` : issue.problem))
    .join('; ');
  const more = issues.length > MAX_LISTED_ISSUES ? ` (and ${issues.length - MAX_LISTED_ISSUES} more)` : '';
  const outcome =
    fallback === 'defaults'
      ? '; using the default settings'
      : fallback === 'valid-settings-kept'
        ? '; using the defaults for these keys'
        : '';
  const fileLevel = issues[0]?.key === '';
  return `${file ? `${file}${fileLevel ? ' ' : ': '}` : ''}${listed}${more}${outcome}`;
}
