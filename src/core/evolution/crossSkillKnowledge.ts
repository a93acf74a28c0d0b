import { type BreederUnit, splitTemplate } from '../breeder/breederUnit';
import { bestLesson, inheritedOperatorStats, inheritedSeeds } from '../breeder/inheritedSeeds';
import type { MutatorPopulation } from '../breeder/initialPopulation';
import { MUTATION_PROMPTS } from '../breeder/mutationPrompts';
import { HISTORY_MIN_MUTATIONS, type SuccessCount } from '../breeder/operatorWeights';
import type { BredVariant, MutatorUse } from '../breeder/promptBreeder';
import { THINKING_STYLES } from '../breeder/thinkingStyles';
import type { CoreContext } from '../coreContext';
import type { Prompt } from '../runner/prompt';
import type { BreederRepository } from '../store/breederRepository';
import { knowledgeRepository, type SharedMutator } from '../store/knowledgeRepository';

/** What a run of `skill` starts from: its mutators with their rates, operator history and inherited seeds. */
export interface RunKnowledge {
  mutators: MutatorPopulation;
  mutationPromptStats: Map<string, SuccessCount>;
  thinkingStyleStats: Map<string, SuccessCount>;
  operatorStats: Map<string, SuccessCount>;
  inherited: BreederUnit[];
}

/** Inherited units a population holds at most: the rest is the skill's own seeds. */
export const MAX_INHERITED_SEEDS = 2;

const rates = (rows: readonly SharedMutator[]) =>
  new Map(rows.map((r) => [r.text, { tries: r.tries, improvements: r.improvements }]));

/**
 * The knowledge a breeding run of `skillId` starts from. The mutation prompts and thinking styles
 * are always the shared population's (its built-ins and what hyper-mutation wrote); with
 * `evolution.cross_skill_learning` on, that means every skill's, with their shared success rates,
 * plus seeds adapted from the best lesson of another skill and, while the skill has too little
 * history of its own, the other skills' operator outcomes as the weights' prior. Off: only what
 * this skill wrote and its own rates.
 */
export function runKnowledge(
  ctx: CoreContext,
  repo: BreederRepository,
  skillId: string,
  original: Prompt,
  populationSize: number,
): RunKnowledge {
  const knowledge = knowledgeRepository(ctx.store.db);
  const shared = ctx.config.evolution.cross_skill_learning;
  const now = ctx.clock.now();
  const { prompts, styles } = ctx.store.write(() => ({
    prompts: knowledge.mutators('mutation_prompt', MUTATION_PROMPTS, now, shared ? undefined : skillId),
    styles: knowledge.mutators('thinking_style', THINKING_STYLES, now, shared ? undefined : skillId),
  }));
  const origins = new Map(
    [...prompts, ...styles].flatMap((m) =>
      m.originSkill !== null && m.originSkill !== skillId ? [[m.text, m.origin] as const] : [],
    ),
  );
  const mutators: MutatorPopulation = {
    mutationPrompts: prompts.map((p) => p.text),
    thinkingStyles: styles.map((s) => s.text),
    origins,
  };
  const own = repo.operatorStats(skillId);
  if (!shared)
    return {
      mutators,
      mutationPromptStats: repo.mutationPromptStats(skillId),
      thinkingStyleStats: new Map(),
      operatorStats: own,
      inherited: [],
    };
  const lessons = knowledge.lessonsForOtherSkills(skillId);
  const ownTries = [...own.values()].reduce((s, c) => s + c.tries, 0);
  const operatorStats = ownTries >= HISTORY_MIN_MUTATIONS ? own : inheritedOperatorStats(lessons);
  if (ownTries < HISTORY_MIN_MUTATIONS)
    for (const [op, c] of own) {
      const prior = operatorStats.get(op) ?? { tries: 0, improvements: 0 };
      operatorStats.set(op, {
        tries: prior.tries + c.tries,
        improvements: prior.improvements + c.improvements,
      });
    }
  const unit: BreederUnit = {
    id: 'u0',
    ...splitTemplate(original.template),
    examples: original.examples,
    mutationPrompt: '',
    operator: 'original',
    parent: null,
    reasoning: '',
    born: 0,
  };
  return {
    mutators,
    mutationPromptStats: rates(prompts),
    thinkingStyleStats: rates(styles),
    operatorStats,
    inherited: inheritedSeeds(
      unit,
      bestLesson(lessons),
      mutators.thinkingStyles,
      1,
      Math.min(MAX_INHERITED_SEEDS, populationSize - 1),
    ),
  };
}

/** The shared population's bookkeeping for one use; call inside the generation's write. */
export function recordMutatorUse(ctx: CoreContext, skillId: string, use: MutatorUse): void {
  knowledgeRepository(ctx.store.db).recordMutatorUse(
    {
      kind: use.kind,
      text: use.text,
      improved: use.improved,
      skill: skillId,
      origin: `hyper-mutated in ${skillId} (${use.operator})`,
    },
    ctx.clock.now(),
  );
}

/**
 * What a finished run taught, stated without the skill: the best variant's instruction and example
 * policy when it scored at least the original's tournament fitness, and every operator's outcome.
 * Call inside the write that opens the session's test.
 */
export function recordLesson(
  ctx: CoreContext,
  repo: BreederRepository,
  run: { session: string; skill: string; best: BredVariant | undefined; originalFitness: number | null },
): void {
  const { best } = run;
  const won = best !== undefined && best.fitness >= (run.originalFitness ?? 0);
  knowledgeRepository(ctx.store.db).recordLesson(
    {
      session: run.session,
      skill: run.skill,
      instruction: won ? best.unit.instruction : null,
      examplePolicy: won ? best.unit.examples : null,
      fitness: best?.fitness ?? null,
      originalFitness: run.originalFitness,
      operators: Object.fromEntries(repo.sessionOperatorStats(run.session)),
    },
    ctx.clock.now(),
  );
}
