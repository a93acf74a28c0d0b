export const INPUT_PLACEHOLDER = '{{input}}';

/** Number of `{{input}}` placeholders in a template; a usable template has exactly one. */
export function countInputPlaceholders(template: string): number {
  return template.split(INPUT_PLACEHOLDER).length - 1;
}

/**
 * Fills a prompt template with a skill's formatted input.
 *
 * @throws Error when the template does not contain `{{input}}` exactly once (an evolved variant that
 *   lost or duplicated it must be rejected, not run with the input missing or repeated).
 */
export function renderPrompt(template: string, formattedInput: string): string {
  const parts = template.split(INPUT_PLACEHOLDER);
  if (parts.length !== 2) {
    throw new Error(
      `Prompt template must contain ${INPUT_PLACEHOLDER} exactly once, found ${parts.length - 1} times.`,
    );
  }
  // Joining instead of String.replace, so `$&`-style sequences in user text stay literal.
  return `${parts[0]}${formattedInput}${parts[1]}`;
}
