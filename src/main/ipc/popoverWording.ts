import type { UserInputError } from '../../core/coreContext';

/**
 * A refused request as the app's windows say it: no task or session ids the user never saw, and
 * never a CLI flag or command (the page has buttons, not flags).
 */
export function popoverWording(error: UserInputError): string {
  const problem = error.problem;
  switch (problem.code) {
    case 'no-task':
      return 'this task is no longer stored';
    case 'no-session':
      return 'this A/B test no longer exists';
    case 'session-closed':
      return `this A/B test is ${problem.status}; the vote was not counted`;
    case 'no-ab-test':
      return `no A/B test is running for ${problem.skill} any more`;
    case 'duplicate-arm':
      return `this comparison shows an answer twice (${problem.shown.join(', ')})`;
    case 'vote-key-reused':
      return 'this vote was already recorded with a different choice';
    case 'no-suggestion':
      return 'this suggestion is no longer available';
    case 'suggestion-expired':
      return 'this suggestion expired unanswered';
    case 'suggestion-answered':
      return problem.status === 'meanwhile'
        ? 'this suggestion was answered meanwhile'
        : `this suggestion was ${problem.status} already`;
    case 'no-reference-example':
      return `${problem.skill} has nothing to learn from yet: accept or correct some of its suggestions first`;
    case 'invalid-input':
    case 'unknown-skill':
    case 'skill-not-installed':
    case 'session-open':
    case 'session-being-bred':
    case 'unknown-arm':
    case 'too-few-arms':
    case 'too-many-arms':
    case 'chosen-not-shown':
    case 'no-arm-output':
      return error.message;
    default:
      return problem satisfies never;
  }
}
