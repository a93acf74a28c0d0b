import { CONTROL_ARM } from '../bandit/comparison';
import type { CoreContext } from '../coreContext';
import { examplePolicyKey } from '../examples/examplePolicy';
import { type Demonstration, selectExamples } from '../examples/selectExamples';
import { type ShapingExample, shapedByLine, shapingExamples } from '../examples/shapedBy';
import type { LanguageModel } from '../llm/languageModel';
import { formatStoredInput, getSkill, type SkillId } from '../skills';
import { requireInstalledSkill } from '../skills/requireInstalledSkill';
import type { TaskSource } from '../store/columnValues';
import type { Task } from '../store/taskRepository';
import { groupOutputs, type OutputGroup } from './groupOutputs';
import { nextComparison } from './nextComparison';
import type { Prompt } from './prompt';
import { runTemplate, type TemplateRun } from './runTemplate';

export interface RunSkillOptions {
  source: TaskSource;
  signal?: AbortSignal;
  /** Runs inside the transaction that records the task and its runs (e.g. to add a suggestion), so
   * both are stored or neither is. */
  onRecorded?: (task: Task, output: unknown) => void;
  /** Also the answers the user may pick instead (file naming's two alternatives), for surfaces that
   * show them. Not generated when an A/B comparison is drawn: the arms' outputs are the choice then,
   * and an output with alternatives would never equal one without. @default false */
  alternatives?: boolean;
}

/** The A/B comparison drawn for a task: what to show the user and how to answer. */
export interface SkillComparison {
  session: string;
  /** The arms the allocator picked, in its order. */
  shown: string[];
  /** Distinct outputs among the shown arms; identical outputs appear once with all their arms. */
  outputs: OutputGroup[];
}

export interface SkillRunResult {
  task: string;
  skill: SkillId;
  /** The prompt version whose output is proposed (the active one). */
  promptVersion: number;
  /** The active prompt's output, parsed with the skill's structural schema. */
  output: unknown;
  /** Whether {@link output} also meets the skill's format rules (kebab-case, lengths…). */
  valid: boolean;
  /** Model time of the active prompt's run, in ms. */
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  model: string;
  comparison: SkillComparison | null;
  /** The user's own examples the active prompt showed, nearest the task first. */
  shapedBy: ShapingExample[];
  /** One line on them for people ("named like …, which you chose on 3 Nov"), null when none was shown. */
  shapedByLine: string | null;
  /** Things the user should know that did not stop the run (a variant whose output was unusable). */
  warnings: string[];
}

/** `arm` of the active prompt's run when a comparison was drawn without the control arm. */
export const activeArmName = (version: number) => `v${version}`;

interface PlannedArm {
  arm: string;
  prompt: Prompt;
  promptVersion: number | null;
  variant: string | null;
}

/**
 * Runs a skill on one input as the user sees it: the active prompt always (its output is the
 * proposal and what feedback is charged to), plus — when the skill has an A/B session `testing` and
 * a draw under `ab_testing.show_probability` (injected rng) says so — the arms the allocator picks.
 * Every model call happens first; the task and all its runs are then recorded in one transaction,
 * so a failure records nothing.
 *
 * `task_runs` rows: the active prompt's run first (`variant` null, arm `original`, or `v<N>` when a
 * comparison was drawn that does not show the control), then one row per other shown arm. So a
 * task's shown arms are exactly its runs with a variant or with arm `original`, when any run has a
 * variant. `tokens` holds generated tokens.
 *
 * @throws OutputSchemaError or ModelOutputError when the active prompt's output is unusable; a
 *   variant's unusable output only drops the comparison (see `warnings`).
 */
export async function runSkill(
  ctx: CoreContext,
  model: LanguageModel,
  skillId: string,
  input: unknown,
  options: RunSkillOptions,
): Promise<SkillRunResult> {
  requireInstalledSkill(ctx, skillId);
  const skill = getSkill(skillId);
  const parsedInput = skill.inputSchema.parse(input);
  const inputText = formatStoredInput(skill, parsedInput);
  const active = ctx.store.prompts.activeVersion(skill.id);
  const activePrompt: Prompt = { template: active.template, examples: active.examplePolicy };
  const drawn = drawComparison(ctx, skill.id);
  // Each policy's examples are looked up once per task; arms that share a policy share them.
  const shown = new Map<string, Demonstration[]>();
  const demonstrationsFor = (prompt: Prompt) => {
    const key = examplePolicyKey(prompt.examples);
    let demos = shown.get(key);
    if (!demos) {
      demos = selectExamples(ctx.store, skill.id, prompt.examples, inputText);
      shown.set(key, demos);
    }
    return demos;
  };
  const run = (prompt: Prompt, alternatives = false) =>
    runTemplate(model, skill, prompt.template, parsedInput, {
      demonstrations: demonstrationsFor(prompt),
      alternatives,
      ...(options.signal ? { signal: options.signal } : {}),
    });

  const primary = await run(activePrompt, (options.alternatives ?? false) && !drawn);
  const warnings: string[] = [];
  let comparison: { session: string; shown: string[]; runs: Map<string, TemplateRun> } | null = null;
  if (drawn) {
    const runs = new Map<string, TemplateRun>();
    try {
      for (const arm of drawn.arms) {
        const reused = arm.promptVersion === active.version && arm.variant === null;
        runs.set(arm.arm, reused ? primary : await run(arm.prompt));
      }
      comparison = { session: drawn.session, shown: drawn.arms.map((a) => a.arm), runs };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      warnings.push(`no comparison this time: an arm's output was unusable (${(error as Error).message})`);
    }
  }

  const primaryIsControl = !comparison || comparison.runs.get(CONTROL_ARM) === primary;
  const primaryArm = primaryIsControl ? CONTROL_ARM : activeArmName(active.version);
  const now = ctx.clock.now();
  const task = ctx.store.write(() => {
    const created = ctx.store.tasks.createTask(
      { skill: skill.id, input: parsedInput, source: options.source },
      now,
    );
    const record = (done: TemplateRun, arm: string, promptVersion: number | null, variant: string | null) =>
      ctx.store.tasks.addRun(
        {
          task: created.id,
          promptVersion,
          variant,
          arm,
          output: done.output,
          latencyMs: Math.round(done.completion.latencyMs),
          tokens: done.completion.completionTokens,
          model: done.completion.model,
          examples: done.demonstrations,
        },
        now,
      );
    record(primary, primaryArm, active.version, null);
    for (const arm of drawn?.arms ?? []) {
      const armRun = comparison?.runs.get(arm.arm);
      if (armRun && armRun !== primary) record(armRun, arm.arm, arm.promptVersion, arm.variant);
    }
    options.onRecorded?.(created, primary.output);
    return created;
  });

  const shapedBy = shapingExamples(skill, demonstrationsFor(activePrompt));
  return {
    task: task.id,
    skill: skill.id,
    promptVersion: active.version,
    output: primary.output,
    valid: primary.valid,
    latencyMs: primary.completion.latencyMs,
    promptTokens: primary.completion.promptTokens,
    completionTokens: primary.completion.completionTokens,
    model: primary.completion.model,
    comparison: comparison
      ? {
          session: comparison.session,
          shown: comparison.shown,
          outputs: groupOutputs(
            comparison.shown.flatMap((arm) => {
              const run = comparison?.runs.get(arm);
              return run ? [{ arm, output: run.output, valid: run.valid }] : [];
            }),
          ),
        }
      : null,
    shapedBy,
    shapedByLine: shapedByLine(skill, shapedBy, now),
    warnings,
  };
}

/**
 * Whether this task shows an A/B comparison, and with which arms. The show-probability draw is
 * taken only when a session is testing, so runs outside tests leave the rng untouched.
 */
function drawComparison(ctx: CoreContext, skill: SkillId): { session: string; arms: PlannedArm[] } | null {
  if (ctx.store.sessions.openSessionFor(skill)?.status !== 'testing') return null;
  if (ctx.rng() >= ctx.config.ab_testing.show_probability) return null;
  const next = nextComparison(ctx, skill);
  if (!next || next.shown.length < 2) return null;
  const variants = ctx.store.sessions.variantsOf(next.session.id);
  const original = ctx.store.prompts.getVersion(skill, next.session.originalVersion);
  const arms = next.shown.map((arm): PlannedArm => {
    if (arm === CONTROL_ARM) {
      if (!original) throw new Error(`session ${next.session.id}: original version is missing`);
      return {
        arm,
        prompt: { template: original.template, examples: original.examplePolicy },
        promptVersion: original.version,
        variant: null,
      };
    }
    const variant = variants.find((v) => v.letter === arm);
    if (!variant) throw new Error(`session ${next.session.id} has no arm ${arm}`);
    return {
      arm,
      prompt: { template: variant.template, examples: variant.examplePolicy },
      promptVersion: null,
      variant: variant.id,
    };
  });
  return { session: next.session.id, arms };
}
