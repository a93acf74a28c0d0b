import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHistory } from '../../../src/cli/promptViews';
import { breederUnitSchema } from '../../../src/core/breeder/breederUnit';
import { applyStructure, structureOf } from '../../../src/core/breeder/instructionStructure';
import { MUTATION_PROMPTS } from '../../../src/core/breeder/mutationPrompts';
import { THINKING_STYLES } from '../../../src/core/breeder/thinkingStyles';
import type { CoreContext } from '../../../src/core/coreContext';
import { evolveSkill } from '../../../src/core/evolution/evolveSkill';
import { recordFeedback } from '../../../src/core/evolution/feedback';
import { promptHistory } from '../../../src/core/evolution/promptHistory';
import { audioActionsPromptV1 } from '../../../src/core/skills/audioActions';
import { knowledgeRepository } from '../../../src/core/store/knowledgeRepository';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { scriptedModel } from '../breeder/scriptedModel';
import { loadEvalCases, seedFileNamingFeedback } from '../breeder/seedFileNamingFeedback';

const tempDir = makeTempDataDirs();
const SMALL =
  'breeder: { population: 6, generations: 8, evaluation_samples: 4, final_evaluation_samples: 8, max_calls: 200 }\n';

function core(crossSkill: boolean, breeder = SMALL) {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.yaml'), `${breeder}evolution: { cross_skill_learning: ${crossSkill} }\n`);
  return openTestCore(dir, 1);
}

/** A few voice notes the user corrected, through the core's feedback path. */
function seedAudioFeedback(ctx: CoreContext) {
  const notes = ['remind me to call Sam at five', 'buy milk and eggs', 'lunch with Ana on Friday'];
  for (const transcript of notes) {
    const task = ctx.store.write(() => {
      const created = ctx.store.tasks.createTask(
        { skill: 'audio-actions', input: { transcript, today: '2025-03-03' }, source: 'cli' },
        ctx.clock.now(),
      );
      ctx.store.tasks.addRun(
        {
          task: created.id,
          promptVersion: 1,
          variant: null,
          arm: 'original',
          output: { intent: 'none', entities: [], actions: [], summary: '' },
          latencyMs: null,
          tokens: null,
          model: 'seed',
        },
        ctx.clock.now(),
      );
      return created;
    });
    recordFeedback(ctx, {
      task: task.id,
      verdict: 'corrected',
      correction: {
        intent: 'create_task',
        entities: [],
        actions: [{ command: 'create_task', details: transcript, when: '' }],
        summary: transcript,
      },
    });
  }
}

/** A winning file-naming instruction in numbered rules, opened by a thinking style. */
const WINNER = [
  'Think step by step.',
  'You rename files.',
  '1. subject first, then the document type',
  '2. use names and dates from the content',
  'Reply with JSON only.',
].join('\n');

function initialPopulation(ctx: CoreContext, session: string) {
  return ctx.store.db
    .prepare('SELECT unit FROM breeder_population WHERE session = ? AND generation = 0 ORDER BY slot')
    .all(session)
    .map((row) => breederUnitSchema.parse(JSON.parse((row as { unit: string }).unit)));
}

describe('cross-skill learning', () => {
  it("seeds a second skill's population with the first skill's winning structure and shared mutation prompts, naming their origin", async () => {
    const { ctx, close } = core(true);
    seedFileNamingFeedback(ctx, loadEvalCases().slice(0, 12));
    const first = await evolveSkill(ctx, scriptedModel(), 'file-naming');
    const knowledge = knowledgeRepository(ctx.store.db);
    // The run's lesson is stored; make its best the numbered winner, and give the shared population
    // a mutation prompt file naming's hyper-mutation wrote that beat its parents every time.
    const [lesson] = knowledge.lessonsForOtherSkills('audio-actions');
    expect(lesson?.session).toBe(first.session.id);
    expect(Object.values(lesson?.operators ?? {}).reduce((s, c) => s + c.tries, 0)).toBeGreaterThan(0);
    const learned = 'List the fields the answer needs, most important first.';
    ctx.store.write(() => {
      knowledge.recordLesson(
        {
          ...(lesson as NonNullable<typeof lesson>),
          instruction: WINNER,
          examplePolicy: { k: 1, selection: 'recent', order: 'best-last', fixed: [] },
          fitness: 0.9,
          originalFitness: 0.4,
        },
        ctx.clock.now(),
      );
      for (let i = 0; i < 30; i++)
        knowledge.recordMutatorUse(
          {
            kind: 'mutation_prompt',
            text: learned,
            improved: true,
            skill: 'file-naming',
            origin: 'hyper-mutated in file-naming (first_order_hyper)',
          },
          ctx.clock.now(),
        );
    });

    seedAudioFeedback(ctx);
    const second = await evolveSkill(ctx, scriptedModel(), 'audio-actions');
    const units = initialPopulation(ctx, second.session.id);
    const from = `file-naming session ${first.session.id}`;
    const structured = units.find((u) => u.origin === `structure from ${from}`);
    // Audio's own task line and rules, in the winner's numbered layout with its lead.
    expect(structured?.instruction).toBe(
      applyStructure(
        audioActionsPromptV1.split('\n\n')[0] ?? '',
        structureOf(WINNER, THINKING_STYLES),
        THINKING_STYLES,
      ),
    );
    const lines = structured?.instruction.split('\n') ?? [];
    expect(lines.slice(0, 2)).toEqual([
      'Think step by step.',
      'You turn voice-note transcripts into actions.',
    ]);
    expect(lines[2]).toMatch(/^1\. commands: create_reminder/);
    expect(lines.at(-1)).toBe('Reply with JSON only.');
    expect(structured?.inputBlock).toBe('{{input}}');
    expect(
      units.some(
        (u) => u.origin?.endsWith(`example policy from ${from}`) && u.examples.selection === 'recent',
      ),
    ).toBe(true);
    const borrowed = units.filter((u) => u.mutationPrompt === learned && u.operator === 'initial');
    expect(borrowed.length).toBeGreaterThan(0);
    for (const u of borrowed)
      expect(u.origin).toBe('mutation prompt hyper-mutated in file-naming (first_order_hyper)');
    // A variant that carries an inherited idea says where it came from in history.
    const text = renderHistory(promptHistory(ctx, 'audio-actions'));
    for (const v of second.variants.filter((v) => v.operator === 'inherited'))
      expect(text).toContain(v.reasoning ?? '');
    close();
  });

  it('leaves a skill to itself with the switch off', async () => {
    const { ctx, close } = core(false);
    seedFileNamingFeedback(ctx, loadEvalCases().slice(0, 12));
    await evolveSkill(ctx, scriptedModel(), 'file-naming');
    seedAudioFeedback(ctx);
    const second = await evolveSkill(ctx, scriptedModel(), 'audio-actions');
    expect(initialPopulation(ctx, second.session.id).filter((u) => u.origin !== undefined)).toEqual([]);
    close();
  });

  it("updates the shared population's success rates from a run's mutations", async () => {
    const { ctx, close } = core(
      true,
      SMALL.replace('generations: 8', 'generations: 24').replace('200', '400'),
    );
    seedFileNamingFeedback(ctx, loadEvalCases().slice(0, 12));
    const result = await evolveSkill(ctx, scriptedModel(), 'file-naming');
    const mutations = ctx.store.db
      .prepare(
        `SELECT mutation_prompt AS text, COUNT(*) AS tries, SUM(improved) AS improvements FROM breeder_mutations
         WHERE session = ? AND mutation_prompt <> '' GROUP BY mutation_prompt`,
      )
      .all(result.session.id) as { text: string; tries: number; improvements: number }[];
    expect(mutations.length).toBeGreaterThan(0);
    const shared = knowledgeRepository(ctx.store.db).mutators(
      'mutation_prompt',
      MUTATION_PROMPTS,
      ctx.clock.now(),
    );
    for (const m of mutations) {
      const row = shared.find((s) => s.text === m.text);
      expect(row && { tries: row.tries, improvements: row.improvements }).toEqual({
        tries: m.tries,
        improvements: m.improvements,
      });
      // A prompt hyper-mutation wrote joins the population with where it came from.
      if (!MUTATION_PROMPTS.includes(m.text)) expect(row?.origin).toMatch(/^hyper-mutated in file-naming/);
    }
    close();
  });
});
