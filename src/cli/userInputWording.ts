import type { UserInputError } from '../core/coreContext';

/**
 * A refused request as the terminal says it: the core's words, with the flag or command that
 * gets the user further where there is one.
 */
export function userInputWording(error: UserInputError): string {
  const problem = error.problem;
  switch (problem.code) {
    case 'duplicate-arm':
      return `--shown lists an arm twice: ${problem.shown.join(',')}`;
    case 'no-session':
      return `no session ${problem.session}; see \`tinyarms prompt results <skill>\``;
    case 'no-task':
      return `no task ${problem.task}; task ids are printed by \`tinyarms run\``;
    case 'no-suggestion':
      return `task ${problem.task} has no suggestion; \`tinyarms feedback\` answers tasks from \`tinyarms run\``;
    case 'no-reference-example':
      return `${error.message} (\`tinyarms feedback <task> --accept | --correct <json>\`)`;
    case 'invalid-input':
    case 'unknown-skill':
    case 'skill-not-installed':
    case 'session-open':
    case 'session-closed':
    case 'session-being-bred':
    case 'no-ab-test':
    case 'unknown-arm':
    case 'too-few-arms':
    case 'too-many-arms':
    case 'chosen-not-shown':
    case 'vote-key-reused':
    case 'no-arm-output':
    case 'suggestion-expired':
    case 'suggestion-answered':
      return error.message;
    default:
      return problem satisfies never;
  }
}
