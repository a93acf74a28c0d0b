// Child process for the kill-and-resume test: runs one evolution until it is killed.
import { evolveSkill } from '../../../src/core/evolution/evolveSkill';
import { createLocalModel } from '../../../src/core/llm/localModel';
import { openCore } from '../../../src/core/openCore';

const [dataDir, modelPath] = process.argv.slice(2);
if (!dataDir || !modelPath) throw new Error('usage: evolveChild <dataDir> <model.gguf>');
const core = openCore({ dataDir });
const model = createLocalModel({ modelPath, threads: 2, contextSize: 4096 });
await evolveSkill(core.ctx, model, 'file-naming');
process.stdout.write('finished\n');
