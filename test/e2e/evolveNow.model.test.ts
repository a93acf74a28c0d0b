import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/core/evolution/feedback';
import { openLanguageModel } from '../../src/core/llm/openLanguageModel';
import { createDueEvolutions } from '../../src/main/dueEvolutions';
import { eventNames } from '../../src/shared/ipc/channelNames';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';
import { testModelPath } from '../support/testModel';
import type { Bridge } from './bridgeServer';
import { pageHarness, screenshots, type TestCore } from './pageHarness';

const harness = pageHarness();

/** Two accepted names: what the breeder learns from. */
function seedTwoAccepted(core: TestCore, dataDir: string) {
  for (const [i, name] of ['invoice-acme-july-2024.pdf', 'lease-agreement-oak-street.pdf'].entries()) {
    const task = seedSuggestion(core.ctx, {
      skill: 'file-naming',
      path: join(dataDir, `scan00${i}.pdf`),
      input: { originalName: `scan00${i}.pdf`, extension: 'pdf', excerpt: name.replaceAll('-', ' ') },
      outputs: { original: namingOutput(name) },
    });
    recordFeedback(core.ctx, { task, verdict: 'accepted' });
  }
}

describe('evolving a skill by hand from the popover', () => {
  it('Evolve Now in a skill’s history starts breeding on the real model and the session appears', async () => {
    const model = await testModelPath();
    let evolutions: ReturnType<typeof createDueEvolutions> | null = null;
    const h = await harness.launch('index.html', {
      size: { width: 360, height: 640 },
      config: () =>
        `model:\n  name: '${model}'\n  threads: 2\n  context_size: 4096\n` +
        'breeder:\n  population: 2\n  generations: 1\n  evaluation_samples: 2\n  final_evaluation_samples: 2\n  variants_per_evolution: 1\n  max_calls: 12\n',
      seed: seedTwoAccepted,
      services: (ref) => {
        const started = createDueEvolutions({
          core: () => ref.ctx,
          model: () => openLanguageModel({ config: ref.ctx.config, dataDir: ref.ctx.dataDir }),
        });
        evolutions = started;
        return { startEvolution: (_ctx, skill) => started.startNow(skill) };
      },
    });
    await h.page.getByRole('button', { name: /^File naming, prompt v1/ }).click();
    await h.page.getByRole('button', { name: 'Evolve Now' }).click();
    // The session is stored before the click is answered, and shows in the history while it breeds.
    await expect.poll(() => h.core.ctx.store.sessions.openSessionFor('file-naming')?.trigger).toBe('manual');
    const session = h.core.ctx.store.sessions.openSessionFor('file-naming');
    await expect.poll(() => h.page.getByTestId(`session-${session?.id}`).count()).toBe(1);
    expect(await h.page.getByRole('button', { name: 'Evolve Now' }).count()).toBe(0);
    await (evolutions as ReturnType<typeof createDueEvolutions> | null)?.running();
    h.bridge.changed();
    await expect
      .poll(() => h.page.getByTestId(`session-${session?.id}`).textContent())
      .toMatch(/testing|failed/);
    expect(h.problems).toEqual([]);
  }, 600_000);

  it('shows the run live in the popover (generation, calls, time left) and Stop ends it, keeping the prompt', async () => {
    const model = await testModelPath();
    let evolutions: ReturnType<typeof createDueEvolutions> | null = null;
    let bridge: Bridge | null = null;
    const h = await harness.launch('index.html', {
      size: { width: 360, height: 640 },
      config: () =>
        `model:\n  name: '${model}'\n  threads: 2\n  context_size: 4096\n` +
        'breeder:\n  population: 6\n  generations: 10\n  evaluation_samples: 2\n  final_evaluation_samples: 2\n  variants_per_evolution: 1\n',
      seed: seedTwoAccepted,
      services: (ref) => {
        const started = createDueEvolutions({
          core: () => ref.ctx,
          model: () => openLanguageModel({ config: ref.ctx.config, dataDir: ref.ctx.dataDir }),
          // As main does: every step of the run goes to the open windows.
          onProgress: (progress) => bridge?.push(eventNames.evolutionProgress, progress),
          onSettled: () => bridge?.changed(),
        });
        evolutions = started;
        return {
          startEvolution: (_ctx, skill) => started.startNow(skill),
          cancelEvolution: () => started.cancel(),
        };
      },
    });
    bridge = h.bridge;
    await h.page.getByRole('button', { name: /^File naming, prompt v1/ }).click();
    await h.page.getByRole('button', { name: 'Evolve Now' }).click();
    await expect.poll(() => h.core.ctx.store.sessions.openSessionFor('file-naming')?.status).toBe('breeding');
    const session = h.core.ctx.store.sessions.openSessionFor('file-naming')?.id;
    await h.page.getByRole('button', { name: 'Back to skills' }).click();
    const live = h.page.getByTestId('evolution-file-naming');
    await expect
      .poll(() => live.getByRole('status').textContent(), { timeout: 120_000 })
      .toMatch(/generation \d+ of 10 · \d+ calls · about .+ left/);
    await h.page.screenshot({ path: join(screenshots, 'popover-evolving-light.png') });

    await live.getByRole('button', { name: 'Stop' }).click();
    await (evolutions as ReturnType<typeof createDueEvolutions> | null)?.running();
    expect(h.core.ctx.store.sessions.getSession(session ?? '')?.status).toBe('cancelled');
    expect(h.core.ctx.store.prompts.activeVersion('file-naming').version).toBe(1);
    await expect.poll(() => live.count()).toBe(0);
    await expect.poll(() => h.page.getByTestId('status-file-naming').textContent()).not.toMatch(/Evolving/);
    expect(h.problems).toEqual([]);
  }, 600_000);
});
