import { HOUR_MS } from '../../src/core/clock';
import type { CoreContext } from '../../src/core/coreContext';
import { fileIdentity } from '../../src/core/fileIdentity';
import type { SuggestionSkill } from '../../src/core/suggestions/createSuggestion';

/**
 * A watcher task with its runs and a pending suggestion, recorded as `createSuggestion` records them
 * but with outputs chosen by the test (answering never calls the model). `outputs.original` is the
 * active prompt's output; other keys are A/B arms of `session`.
 */
export function seedSuggestion(
  ctx: CoreContext,
  seed: {
    skill: SuggestionSkill;
    path: string;
    input?: unknown;
    outputs: Record<string, unknown>;
    session?: string;
    /** Bank examples the active prompt's run showed (task ids). */
    examples?: string[];
  },
): string {
  return ctx.store.write(() => {
    const now = ctx.clock.now();
    const task = ctx.store.tasks.createTask(
      { skill: seed.skill, input: seed.input ?? { path: seed.path }, source: 'watcher' },
      now,
    );
    const variants = seed.session ? ctx.store.sessions.variantsOf(seed.session) : [];
    for (const [arm, output] of Object.entries(seed.outputs)) {
      const original = arm === 'original';
      ctx.store.tasks.addRun(
        {
          task: task.id,
          promptVersion: original ? ctx.store.prompts.activeVersion(seed.skill).version : null,
          variant: original ? null : (variants.find((v) => v.letter === arm)?.id ?? null),
          arm,
          output,
          latencyMs: 5,
          tokens: 10,
          model: 'seeded',
          ...(original && seed.examples ? { examples: seed.examples } : {}),
        },
        now,
      );
    }
    ctx.store.suggestions.create(
      {
        task: task.id,
        skill: seed.skill,
        subject: seed.path,
        subjectIdentity: fileIdentity(seed.path),
        expiresAt: new Date(now.getTime() + ctx.config.notifications.expire_after_hours * HOUR_MS),
      },
      now,
    );
    return task.id;
  });
}

/** A file-naming model output proposing `filename`. */
export const namingOutput = (filename: string) => ({
  filename,
  reasoning: 'from the content',
  alternatives: ['acme-invoice-july-2024.pdf', 'invoice-from-acme-2024.pdf'],
});
