import { UserInputError } from '../../src/core/coreContext';
import type { UserInputCode } from '../../src/shared/values/userInputCodes';

/**
 * One refusal per code, worded as the core words it. Typed by code, so a new code fails the
 * type-check here until both surfaces' tests cover it.
 */
export const userInputSamples: { readonly [C in UserInputCode]: UserInputError } = {
  'invalid-input': new UserInputError('the new name is empty'),
  'unknown-skill': new UserInputError('unknown skill "nope"; known skills: file-naming, code-linting', {
    code: 'unknown-skill',
    skill: 'nope',
    known: ['file-naming', 'code-linting'],
  }),
  'skill-not-installed': new UserInputError('skill file-naming is not installed', {
    code: 'skill-not-installed',
    skill: 'file-naming',
  }),
  'no-task': new UserInputError('no task t-1', { code: 'no-task', task: 't-1' }),
  'no-session': new UserInputError('no session s-1', { code: 'no-session', session: 's-1' }),
  'session-open': new UserInputError(
    'file-naming already has an open session s-1 (testing); finish or cancel it first',
    { code: 'session-open', skill: 'file-naming', session: 's-1', status: 'testing' },
  ),
  'session-closed': new UserInputError('session s-1 is completed; it takes no more votes', {
    code: 'session-closed',
    session: 's-1',
    status: 'completed',
  }),
  'session-being-bred': new UserInputError(
    "file-naming's evolution (session s-1) is being bred by the tinyArms app; wait for it to finish or cancel it there",
    { code: 'session-being-bred', skill: 'file-naming', session: 's-1', holder: 'the tinyArms app' },
  ),
  'no-ab-test': new UserInputError('no A/B test is running for file-naming', {
    code: 'no-ab-test',
    skill: 'file-naming',
  }),
  'no-reference-example': new UserInputError(
    'file-naming has no example with a reference yet: accept or correct some outputs first',
    { code: 'no-reference-example', skill: 'file-naming' },
  ),
  'unknown-arm': new UserInputError("unknown arm Q; this session's arms are original, A", {
    code: 'unknown-arm',
    unknown: ['Q'],
    arms: ['original', 'A'],
  }),
  'duplicate-arm': new UserInputError('the comparison shows an arm twice: A,A', {
    code: 'duplicate-arm',
    shown: ['A', 'A'],
  }),
  'too-few-arms': new UserInputError('a comparison shows at least 2 arms', {
    code: 'too-few-arms',
    shown: 1,
  }),
  'too-many-arms': new UserInputError('a comparison shows at most 3 arms, got 4', {
    code: 'too-many-arms',
    shown: 4,
    max: 3,
  }),
  'chosen-not-shown': new UserInputError('chosen arm B was not among the shown arms (original, A)', {
    code: 'chosen-not-shown',
    chosen: 'B',
    shown: ['original', 'A'],
  }),
  'vote-key-reused': new UserInputError('vote key k-1 was already used for a different vote', {
    code: 'vote-key-reused',
    key: 'k-1',
  }),
  'no-arm-output': new UserInputError('task t-1 has no output for arm B', {
    code: 'no-arm-output',
    task: 't-1',
    arm: 'B',
  }),
  'no-suggestion': new UserInputError('task t-1 has no suggestion', { code: 'no-suggestion', task: 't-1' }),
  'suggestion-expired': new UserInputError('the suggestion for task t-1 expired unanswered', {
    code: 'suggestion-expired',
    task: 't-1',
  }),
  'suggestion-answered': new UserInputError('the suggestion for task t-1 was answered meanwhile', {
    code: 'suggestion-answered',
    task: 't-1',
    status: 'meanwhile',
  }),
};

/** A CLI flag (`--shown`) or command (`tinyarms run`) in a message meant for the app's windows. */
export const namesCliSyntax = /(?:^|[\s(`'"])--[a-z]|\btinyarms [a-z]/;
