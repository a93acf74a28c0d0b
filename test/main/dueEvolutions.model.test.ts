import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { recordFeedback } from '../../src/core/evolution/feedback';
import { openLanguageModel } from '../../src/core/llm/openLanguageModel';
import { openCore } from '../../src/core/openCore';
import { seededRng } from '../../src/core/rng';
import { createDueEvolutions, type EvolutionProgressView } from '../../src/main/dueEvolutions';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';
import { makeTempDataDirs } from '../support/tempDataDir';
import { testModelPath } from '../support/testModel';

const newDir = makeTempDataDirs();

/** A data folder whose model is the test GGUF, with a breeder small enough for a test. */
async function world() {
  const dataDir = newDir();
  writeFileSync(
    join(dataDir, 'config.yaml'),
    `model:\n  name: '${await testModelPath()}'\n  threads: 2\n  context_size: 4096\n` +
      'breeder:\n  population: 2\n  generations: 1\n  evaluation_samples: 2\n  final_evaluation_samples: 2\n  variants_per_evolution: 1\n  max_calls: 12\n',
  );
  const opened = openCore({ dataDir, clock: systemClock, rng: seededRng(3) });
  const progress: EvolutionProgressView[] = [];
  const errors: string[] = [];
  const evolutions = createDueEvolutions({
    core: () => opened.ctx,
    model: () => openLanguageModel({ config: opened.ctx.config, dataDir }),
    onProgress: (p) => progress.push(p),
    onError: (message) => errors.push(message),
  });
  return { ctx: opened.ctx, close: opened.close, evolutions, progress, errors };
}

describe('evolving a skill by hand in the app', () => {
  it('refuses a skill with no example to learn from, saying what to do', async () => {
    const w = await world();
    await expect(w.evolutions.startNow('file-naming')).rejects.toThrow(/no example with a reference yet/);
    await w.evolutions.running();
    expect(w.ctx.store.sessions.sessionsInStatus('breeding')).toEqual([]);
    w.close();
  });

  it('answers with the session once stored, reports progress, and runs one evolution at a time', async () => {
    const w = await world();
    for (const [i, name] of ['invoice-acme-july-2024.pdf', 'lease-agreement-oak-street.pdf'].entries()) {
      const task = seedSuggestion(w.ctx, {
        skill: 'file-naming',
        path: join(newDir(), `scan00${i}.pdf`),
        input: { originalName: `scan00${i}.pdf`, extension: 'pdf', excerpt: name.replaceAll('-', ' ') },
        outputs: { original: namingOutput(name) },
      });
      recordFeedback(w.ctx, { task, verdict: 'accepted' });
    }
    const { session } = await w.evolutions.startNow('file-naming');
    expect(w.ctx.store.sessions.getSession(session)).toMatchObject({
      skill: 'file-naming',
      trigger: 'manual',
    });
    await expect(w.evolutions.startNow('audio-actions')).rejects.toThrow(/evolving already/);
    await w.evolutions.running();
    expect(w.errors).toEqual([]);
    expect(w.progress.length).toBeGreaterThan(0);
    expect(
      w.progress.every((p) => p.skill === 'file-naming' && p.session === session && p.done <= p.total),
    ).toBe(true);
    expect(['testing', 'failed']).toContain(w.ctx.store.sessions.getSession(session)?.status);
    w.close();
  }, 600_000);
});
