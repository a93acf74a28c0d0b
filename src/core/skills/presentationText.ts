import { isPlainObject } from '../../shared/values/suggestConfigKey';

/** A presentation line's length at most, in characters. */
export const PRESENTATION_LINE_MAX = 120;

/** One line of at most `max` characters, ending in … when cut. */
export function clip(text: string, max = PRESENTATION_LINE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `value[key]` of a stored (so unchecked) JSON object, or undefined. */
export function field(value: unknown, key: string): unknown {
  return isPlainObject(value) ? value[key] : undefined;
}

/** The elements of a stored (so unchecked) JSON array, or none when it is not one. */
export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-blank string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** `1.2 KB` for a byte count, or undefined when it is not one. */
export function bytes(size: unknown): string | undefined {
  if (typeof size !== 'number' || !Number.isFinite(size)) return undefined;
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
