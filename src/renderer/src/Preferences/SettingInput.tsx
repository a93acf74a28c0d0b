import { useEffect, useId, useState } from 'react';
import { PathInput, PathListInput } from './PathListInput';
import type { PickPurpose, SettingField } from './settingFields';

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?$/i;

/** Typed text → the value the schema should judge; non-numbers stay text so its message says so. */
function parseNumber(raw: string, nullable: boolean): unknown {
  const text = raw.trim();
  if (text === '' && nullable) return null;
  return NUMBER.test(text) ? Number(text) : text;
}

const shown = (value: unknown) => (value === null || value === undefined ? '' : String(value));

interface Props {
  field: SettingField;
  value: unknown;
  problem: string | undefined;
  onChange(value: unknown, commit: boolean): void;
  /** The system folder/file picker; answers `null` when the user cancelled. */
  pickPath(purpose: PickPurpose): Promise<string | null>;
}

/** One setting with its label, help, and the schema's message inline when the value is invalid. */
export function SettingInput({ field, value, problem, onChange, pickPath }: Props) {
  const id = useId();
  const [raw, setRaw] = useState(shown(value));
  // A reset or a save from elsewhere replaces the text being edited.
  useEffect(() => setRaw(shown(value)), [value]);
  const describedBy = [problem ? `${id}-problem` : null, field.help ? `${id}-help` : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;

  let control: React.ReactNode;
  switch (field.kind) {
    case 'boolean':
      control = (
        <input
          {...common}
          type="checkbox"
          role="switch"
          aria-checked={value === true}
          className="switch"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked, true)}
        />
      );
      break;
    case 'choice':
      control = (
        <select {...common} value={shown(value)} onChange={(e) => onChange(e.target.value, true)}>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
    case 'text': {
      const toValue = (text: string) =>
        field.kind === 'number'
          ? parseNumber(text, field.nullable === true)
          : text.trim() === '' && field.nullable
            ? null
            : text;
      control = (
        <span className="with-unit">
          <input
            {...common}
            type="text"
            inputMode={field.kind === 'number' ? 'decimal' : 'text'}
            className={field.kind === 'number' ? 'number' : 'text'}
            value={raw}
            placeholder={field.placeholder}
            spellCheck={false}
            onChange={(e) => {
              setRaw(e.target.value);
              onChange(toValue(e.target.value), false);
            }}
            onBlur={(e) => onChange(toValue(e.target.value), true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onChange(toValue(e.currentTarget.value), true);
            }}
          />
          {field.kind === 'number' && field.unit ? <span className="unit muted">{field.unit}</span> : null}
        </span>
      );
      break;
    }
    case 'paths':
      control = (
        <PathListInput
          id={id}
          field={field}
          value={value}
          pickPath={pickPath}
          onChange={(paths) => onChange(paths, true)}
        />
      );
      break;
    case 'path':
      control = (
        <PathInput
          id={id}
          purpose={field.purpose}
          value={value}
          pickPath={pickPath}
          onChange={(path) => onChange(path, true)}
        />
      );
      break;
    default:
      control = field satisfies never;
  }

  return (
    <div className={`setting${problem ? ' invalid' : ''}`} data-key={field.path.join('.')}>
      <label htmlFor={id} className="setting-label">
        {field.label}
      </label>
      <div className="setting-control">
        {control}
        {problem ? (
          <p id={`${id}-problem`} className="problem" role="alert">
            {problem}
          </p>
        ) : field.help ? (
          <p id={`${id}-help`} className="help small muted">
            {field.help}
          </p>
        ) : null}
      </div>
    </div>
  );
}
