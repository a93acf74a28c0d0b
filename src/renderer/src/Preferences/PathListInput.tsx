import type { PickPurpose, SettingField } from './settingFields';

/** Characters of a path shown before it is shortened in the middle (the full path is the tooltip). */
const SHOWN_CHARS = 30;

/**
 * `/Users/ana/Library/Mobile Documents/notes/roadmap.md` → `/Users/…/notes/roadmap.md`: the middle
 * goes, as in Finder, because the start says where and the end says what.
 */
export function shortPath(path: string, max = SHOWN_CHARS): string {
  if (path.length <= max) return path;
  const parts = path.split('/');
  // `/Users` of an absolute path, `~` of a home-relative one.
  const headCount = parts[0] === '' ? 2 : 1;
  const head = parts.slice(0, headCount).join('/');
  const rest = parts.slice(headCount);
  let tail = rest.pop() ?? '';
  while (rest.length > 0 && `${head}/…/${rest.at(-1)}/${tail}`.length <= max) tail = `${rest.pop()}/${tail}`;
  return rest.length === 0 ? path : `${head}/…/${tail}`;
}

type PathsField = Extract<SettingField, { kind: 'paths' }>;

/**
 * Folders or files, one per row with Remove; Add… opens the system picker, and presets (Desktop,
 * Downloads) add themselves in one click until they are in the list. A path already listed is not
 * added twice.
 */
export function PathListInput({
  id,
  field,
  value,
  pickPath,
  onChange,
}: {
  id: string;
  field: PathsField;
  value: unknown;
  pickPath(purpose: PickPurpose): Promise<string | null>;
  onChange(value: string[]): void;
}) {
  const items = Array.isArray(value) ? (value as unknown[]).map(String) : [];
  const add = (path: string | null) => {
    if (path !== null && !items.includes(path)) onChange([...items, path]);
  };
  const presets = (field.presets ?? []).filter((preset) => !items.includes(preset.path));
  return (
    <div className="list-field">
      {/* The row's <label> points here: a label on the Add button would rename the button. */}
      <ul id={id} aria-label={field.label}>
        {items.length === 0 ? <li className="muted">None yet</li> : null}
        {items.map((item) => (
          <li key={item}>
            <span className="mono ellipsis" title={item}>
              {shortPath(item)}
            </span>
            <button
              type="button"
              className="btn link small"
              aria-label={`Remove ${item}`}
              onClick={() => onChange(items.filter((other) => other !== item))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="list-add">
        <button type="button" className="btn" onClick={() => void pickPath(field.purpose).then(add)}>
          {field.addLabel}
        </button>
        {presets.map((preset) => (
          <button key={preset.path} type="button" className="btn" onClick={() => add(preset.path)}>
            {preset.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** One folder or none: its path, Choose… (the system picker) and Clear. */
export function PathInput({
  id,
  purpose,
  value,
  pickPath,
  onChange,
}: {
  id: string;
  purpose: PickPurpose;
  value: unknown;
  pickPath(purpose: PickPurpose): Promise<string | null>;
  onChange(value: string | null): void;
}) {
  const path = typeof value === 'string' && value !== '' ? value : null;
  return (
    <div className="path-field">
      <span id={id} className={path ? 'mono ellipsis' : 'muted'} title={path ?? undefined}>
        {path ? shortPath(path) : 'None'}
      </span>
      <div className="list-add">
        <button
          type="button"
          className="btn"
          onClick={() =>
            void pickPath(purpose).then((picked) => {
              if (picked !== null) onChange(picked);
            })
          }
        >
          Choose…
        </button>
        {path ? (
          <button type="button" className="btn" onClick={() => onChange(null)}>
            Clear
          </button>
        ) : null}
      </div>
    </div>
  );
}
