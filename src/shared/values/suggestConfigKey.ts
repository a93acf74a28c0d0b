import { defaultConfig } from './configSchema';

type Path = readonly (string | number)[];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every setting's key path (`['ab_testing', 'min_votes']`…), read from the defaults, which list every knob. */
export function configLeafPaths(): string[][] {
  const out: string[][] = [];
  const walk = (node: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (isPlainObject(value)) walk(value, [...prefix, key]);
      else out.push([...prefix, key]);
    }
  };
  walk(defaultConfig, []);
  return out;
}

/** The value of a full config at a setting's key path (see {@link configLeafPaths}). */
export function configValueAt(config: object, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config);
}

/** The default value (or section) at `path`, or `undefined` when no such setting exists. */
export function defaultAt(path: Path): unknown {
  let node: unknown = defaultConfig;
  for (const key of path) {
    if (!isPlainObject(node) || typeof key !== 'string' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** A key longer than this is shown cut (no setting's name is near it; a hostile file's may be 200 KB). */
const MAX_SHOWN_KEY_CHARS = 60;

/** Key path as the user writes it: `ab_testing.min_votes`, `watchers.folders[1]`. */
export function formatKeyPath(path: Path): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const shown = key.length > MAX_SHOWN_KEY_CHARS ? `${key.slice(0, MAX_SHOWN_KEY_CHARS)}…` : key;
    return acc ? `${acc}.${shown}` : shown;
  }, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// Every known key, walked once: a hostile file may ask for 20,000 suggestions.
const LEAF_PATHS = configLeafPaths();

/**
 * The setting the user probably meant by the unknown `key` under `parent`: a close sibling
 * (`max_vote` → `ab_testing.max_votes`), else the same key in another section (`min_votes` written
 * under `triggers` → `ab_testing.min_votes`). `null` when nothing is close.
 */
export function suggestConfigKey(parent: Path, key: string): string | null {
  const normalized = key.toLowerCase().replaceAll('-', '_');
  const siblings = defaultAt(parent);
  if (isPlainObject(siblings)) {
    let best: { name: string; distance: number } | null = null;
    for (const name of Object.keys(siblings)) {
      const allowed = Math.max(1, Math.floor(name.length / 4));
      // The distance is at least the length difference: a 200 KB key is far without the table.
      if (Math.abs(normalized.length - name.length) > allowed) continue;
      const distance = editDistance(normalized, name);
      if (distance <= allowed && (!best || distance < best.distance)) {
        best = { name, distance };
      }
    }
    if (best) return formatKeyPath([...parent, best.name]);
  }
  const elsewhere = LEAF_PATHS.find((path) => path[path.length - 1] === normalized);
  if (elsewhere) return formatKeyPath(elsewhere);
  const section = defaultAt([normalized]);
  return isPlainObject(section) ? normalized : null;
}
