import type { CoreContext } from '../../src/core/coreContext';
import { createManualSession } from '../../src/core/evolution/abSession';
import { createIpcHandlers } from '../../src/main/ipc/ipcHandlers';
import { openTestCore } from '../support/openTestCore';

/** A file-naming task with one run per arm, as the runner records an A/B comparison. */
export function seedTask(ctx: CoreContext, session: string, outputs: Record<string, string>): string {
  return ctx.store.write(() => {
    const task = ctx.store.tasks.createTask(
      {
        skill: 'file-naming',
        input: { originalName: 'scan001.pdf', extension: 'pdf', sizeBytes: 1200, excerpt: 'INVOICE Acme' },
        source: 'watcher',
      },
      ctx.clock.now(),
    );
    const variants = ctx.store.sessions.variantsOf(session);
    for (const [arm, filename] of Object.entries(outputs)) {
      ctx.store.tasks.addRun(
        {
          task: task.id,
          promptVersion: arm === 'original' ? ctx.store.prompts.activeVersion('file-naming').version : null,
          variant: variants.find((v) => v.letter === arm)?.id ?? null,
          arm,
          output: { filename, reasoning: 'from the content', alternatives: [] },
          latencyMs: 5,
          tokens: 10,
          model: 'test',
        },
        ctx.clock.now(),
      );
    }
    return task.id;
  });
}

/** A real core on a temp data folder with a manual A/B session (original, A, B), and its IPC handlers. */
export function coreWithSession(dataDir: string) {
  const core = openTestCore(dataDir);
  const ref = { ctx: core.ctx, configError: core.configError };
  const { session } = createManualSession(core.ctx, 'file-naming', [
    'Name this file: {{input}}',
    'Suggest a short file name for {{input}}',
  ]);
  core.clock.advance(60_000);
  const handlers = createIpcHandlers({ core: ref, appVersion: '0.1.0-test' });
  return { core, ref, session: session.id, handlers };
}
