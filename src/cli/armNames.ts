import { CliError } from './cliRuntime';

/**
 * Normalises arm names typed by a person: `original` in any case, variants as capital letters
 * (`a` → `A`). Anything else is refused here with the accepted forms.
 */
export function parseArm(text: string): string {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'original') return 'original';
  if (/^[a-z]$/i.test(trimmed)) return trimmed.toUpperCase();
  throw new CliError(`"${text}" is not an arm; use original or a variant letter such as A`);
}

export function parseArmList(text: string): string[] {
  const parts = text.split(',').filter((part) => part.trim() !== '');
  if (parts.length === 0)
    throw new CliError('--shown needs a comma-separated list of arms, e.g. original,A,C');
  return parts.map(parseArm);
}
