/**
 * Why the core refused what the user asked, declared once: the core throws `UserInputError` with
 * one of these codes and its details, and each surface (the CLI, the app's popover) chooses its own
 * words for it; the IPC contract carries the code to the page as `IpcError.reason`.
 * `invalid-input` covers everything whose message reads the same on every surface.
 */
export const userInputCodes = [
  'invalid-input',
  'unknown-skill',
  'skill-not-installed',
  'no-task',
  'no-session',
  'session-open',
  'session-closed',
  'session-being-bred',
  'no-ab-test',
  'no-reference-example',
  'unknown-arm',
  'duplicate-arm',
  'too-few-arms',
  'too-many-arms',
  'chosen-not-shown',
  'vote-key-reused',
  'no-arm-output',
  'no-suggestion',
  'suggestion-expired',
  'suggestion-answered',
] as const;
export type UserInputCode = (typeof userInputCodes)[number];
