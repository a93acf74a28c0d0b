import { describe, expect, it } from 'vitest';
import { describeFailure, processIo } from '../../src/cli/cliRuntime';
import type { UserInputCode } from '../../src/shared/values/userInputCodes';
import { userInputSamples } from '../support/userInputSamples';

const io = { ...processIo, env: {} };

/** Where the terminal adds the flag or command that helps; every other code prints the core's words. */
const cliWords: Partial<Record<UserInputCode, string>> = {
  'duplicate-arm': '--shown lists an arm twice: A,A',
  'no-session': 'no session s-1; see `tinyarms prompt results <skill>`',
  'no-task': 'no task t-1; task ids are printed by `tinyarms run`',
  'no-suggestion': 'task t-1 has no suggestion; `tinyarms feedback` answers tasks from `tinyarms run`',
  'no-reference-example':
    'file-naming has no example with a reference yet: accept or correct some outputs first (`tinyarms feedback <task> --accept | --correct <json>`)',
};

describe('core refusals as the terminal prints them', () => {
  it.each(Object.entries(userInputSamples))('%s', (code, error) => {
    expect(describeFailure(error, io)).toBe(cliWords[code as UserInputCode] ?? error.message);
  });
});
