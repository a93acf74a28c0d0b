import type { BreederSettings } from '../breeder/breederSettings';
import { type BreedingExample, chooseEvaluationSet } from '../breeder/breedingExamples';
import { type CoreContext, UserInputError } from '../coreContext';
import { type BreederRunState, breederRepository } from '../store/breederRepository';
import type { SessionTrigger } from '../store/columnValues';
import type { EvolutionSession } from '../store/sessionRepository';
import { isInterruptedRun } from '../store/sessionTransition';

/**
 * The skill's `breeding` session and its breeder run, in one transaction: the one a killed or
 * paused run left breeding or screening (`resumed`, breeding again), or a new one with a fresh seed
 * and evaluation sample.
 *
 * @throws UserInputError when the skill's open session is testing.
 */
export function openBreedingSession(
  ctx: CoreContext,
  skillId: string,
  fresh: { trigger: SessionTrigger; settings: BreederSettings; examples: readonly BreedingExample[] },
): { session: EvolutionSession; run: BreederRunState; resumed: boolean } {
  const repo = breederRepository(ctx.store.db);
  return ctx.store.write(() => {
    const open = ctx.store.sessions.openSessionFor(skillId);
    if (open && !isInterruptedRun(open.status)) {
      throw new UserInputError(
        `${skillId} already has an open session ${open.id} (${open.status}); finish or cancel it first`,
        { code: 'session-open', skill: skillId, session: open.id, status: open.status },
      );
    }
    const session = open
      ? ctx.store.sessions.resumeRun(open.id)
      : ctx.store.sessions.createSession(
          {
            skill: skillId,
            originalVersion: ctx.store.prompts.activeVersion(skillId).version,
            trigger: fresh.trigger,
            start: 'breed',
          },
          [],
          ctx.clock.now(),
        );
    const existing = repo.getRun(session.id);
    if (!existing) {
      repo.createRun(
        {
          session: session.id,
          seed: Math.floor(ctx.rng() * 2 ** 31),
          settings: fresh.settings,
          examples: chooseEvaluationSet(fresh.examples, fresh.settings.evaluationSamples).map((e) => e.id),
        },
        ctx.clock.now(),
      );
    }
    const run = repo.getRun(session.id);
    if (!run) throw new Error(`breeder run of ${session.id} was not stored`);
    return { session, run, resumed: existing !== null };
  });
}
