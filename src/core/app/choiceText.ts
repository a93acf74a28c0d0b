import { isPlainObject } from '../../shared/values/suggestConfigKey';

const MAX_LINE = 120;

function clip(text: string, max = MAX_LINE): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function field(value: unknown, key: string): unknown {
  return isPlainObject(value) ? value[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function bytes(size: unknown): string | undefined {
  if (typeof size !== 'number' || !Number.isFinite(size)) return undefined;
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** The task in one line for the choice card, so the user knows what the outputs are about. */
export function taskLine(skill: string, input: unknown): string {
  switch (skill) {
    case 'file-naming': {
      const excerpt = text(field(input, 'excerpt'));
      const parts = [text(field(input, 'originalName')), bytes(field(input, 'sizeBytes'))];
      if (excerpt) parts.push(`“${clip(excerpt, 48)}”`);
      return clip(parts.filter(Boolean).join(' · ')) || 'a file';
    }
    case 'code-linting': {
      const where = text(field(input, 'path')) ?? text(field(input, 'language')) ?? 'code';
      const firstLine = text(field(input, 'code'))
        ?.split('\n')
        .find((line) => line.trim() !== '');
      return clip(firstLine ? `${where} · ${firstLine}` : where);
    }
    case 'markdown-analysis':
      return clip(`changes in ${text(field(input, 'path')) ?? 'a markdown file'}`);
    case 'audio-actions':
      return clip(`“${text(field(input, 'transcript')) ?? ''}”`);
    default:
      return clip(JSON.stringify(input) ?? '');
  }
}

/** An output as the user compares it: the part that differs between prompts, not the raw JSON. */
export function outputText(skill: string, output: unknown): string {
  switch (skill) {
    case 'file-naming':
      return text(field(output, 'filename')) ?? JSON.stringify(output);
    case 'code-linting': {
      const violations = field(output, 'violations');
      const listed = Array.isArray(violations)
        ? violations
            .slice(0, 3)
            .map((v) => `line ${String(field(v, 'line'))}: ${String(field(v, 'rule'))}`)
            .join('; ')
        : '';
      return [text(field(output, 'summary')), listed].filter(Boolean).join(' — ') || JSON.stringify(output);
    }
    case 'markdown-analysis':
      return text(field(output, 'executiveSummary')) ?? JSON.stringify(output);
    case 'audio-actions': {
      const actions = field(output, 'actions');
      const listed = Array.isArray(actions)
        ? actions.map((a) => `${String(field(a, 'command'))}: ${String(field(a, 'details'))}`).join('; ')
        : '';
      return [text(field(output, 'summary')), listed].filter(Boolean).join(' — ') || JSON.stringify(output);
    }
    default:
      return JSON.stringify(output);
  }
}
