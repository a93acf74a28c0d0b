/**
 * Whether a key press lands in a text field, where keys are typing, not shortcuts. Checkboxes and
 * buttons are not text entry: 1–3 and Esc still answer the card while one of them has focus.
 */
export function isTextEntry(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
}
