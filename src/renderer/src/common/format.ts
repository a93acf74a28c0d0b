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
