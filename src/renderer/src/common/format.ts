/** `0.823` → `82%`; `null` → `—`. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function shortDate(iso: string | null): string {
  return iso === null ? '—' : dateFormat.format(new Date(iso));
}

export function dateTime(iso: string | null): string {
  return iso === null ? '—' : dateTimeFormat.format(new Date(iso));
}

const MINUTE_MS = 60_000;

/**
 * How long ago `iso` was, as a menu-bar app says it: "just now", "5 min ago", "3 h ago", "2 days ago".
 *
 * @param now - milliseconds since the epoch on main's clock (see `usePopoverStore`'s `receivedAt`)
 */
export function timeAgo(iso: string, now: number): string {
  const minutes = Math.floor((now - new Date(iso).getTime()) / MINUTE_MS);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

const whenDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const whenDateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/**
 * An action's `when` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, a wall-clock time with no zone) as
 * "Thu, Mar 12, 10:00". Formatted in UTC on purpose: the digits are already local, so no zone may
 * shift them. Anything else is shown as it came.
 */
export function actionWhen(when: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(when);
  if (!match) return when;
  const [y, mo, d, h, mi] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0));
  return (match[4] === undefined ? whenDate : whenDateTime).format(date);
}

/** `270_000_000` → `270 MB`, `1_500` → `1.5 kB` (decimal units, as Finder shows sizes). */
export function bytes(count: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB'];
  let value = count;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** Seconds as a remaining time: `40` → `40 s`, `150` → `3 min`, `4000` → `1 h 7 min`. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
