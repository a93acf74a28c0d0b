/**
 * Child process for the interrupted-rename test: answers a suggestion with accept and SIGKILLs
 * itself inside the transaction that records the rename, after the file has moved — what a crash or
 * a forced quit at that moment leaves behind.
 */
import { answerSuggestion } from '../../../src/core/suggestions/answerSuggestion';
import { openTestCore } from '../../support/openTestCore';

const [dataDir, task] = process.argv.slice(2);
if (!dataDir || !task) throw new Error('usage: renameCrashChild <dataDir> <task>');
const core = openTestCore(dataDir);
core.ctx.store.suggestions.markAnswered = () => {
  process.kill(process.pid, 'SIGKILL');
  return false;
};
answerSuggestion(core.ctx, task, { kind: 'accept' });
