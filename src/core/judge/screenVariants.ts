import type { Config } from '../config';
import type { LanguageModel } from '../llm/languageModel';
import type { AnySkillDefinition } from '../skills/skillRegistry';
import { CloudJudgeError } from './cloudJudgeModel';
import { type JudgeScore, judgeCandidate } from './judgeCandidate';
import type { JudgeSample } from './judgePrompt';
import type { Judge, JudgeTier } from './openJudge';
import { passesRubric, uniquelyBest } from './rubric';

/** What one candidate produced on one stored example. */
export interface ScreenSample {
  input: unknown;
  output: unknown;
  /** The accepted output or correction for this input, if known (else looked up in `examples`). */
  reference?: unknown;
}

/**
 * A bred prompt offered for screening. Structurally the breeder's own finalist type, so the
 * breeder hands its finalists over as they are.
 */
export interface ScreenCandidate {
  id: string;
  template: string;
  /** The breeder's fitness; informative only (the input order already breaks ties). */
  fitness?: number;
  /** A few of the candidate's outputs; the judge sees the first 2. */
  sampleOutputs?: readonly ScreenSample[];
}

/** A stored example: a task input and, when feedback gave one, the reference output. */
export interface ScreenExample {
  input: unknown;
  reference?: unknown;
}

export interface ScreenVariantsInput {
  skill: AnySkillDefinition;
  /** In the breeder's order of preference (fitness): it breaks ties between equal judge scores. */
  candidates: readonly ScreenCandidate[];
  /** References for the samples' inputs, matched by identical input JSON. @default [] */
  examples?: readonly ScreenExample[];
  judge: Judge;
  /** config `judge` (reject_below, auto_promote_at, auto_promote). */
  config: Config['judge'];
  /** The current prompt, judged too so "uniquely best" for auto-promotion also means better than it. */
  original?: ScreenCandidate;
  /** Candidates kept at most. @default 3 (config `breeder.variants_per_evolution`) */
  keep?: number;
  signal?: AbortSignal;
  /** After each judged candidate: how many of `total` are done. */
  onProgress?: (done: number, total: number) => void;
}

export type ScreenStatus = 'kept' | 'rejected' | 'surplus';

/** A kept candidate with its score and the tier that gave it. */
export interface KeptCandidate {
  id: string;
  judgeScore: JudgeScore & { tier: JudgeTier };
}

export interface ScreenedCandidate {
  id: string;
  judgeScore: JudgeScore;
  /** `rejected`: under `judge.reject_below`; `surplus`: passed but beyond the `keep` best. */
  status: ScreenStatus;
}

export interface ScreenResult {
  /** Every candidate, in input order. */
  scores: ScreenedCandidate[];
  /** Ids of the kept candidates, best score first. */
  kept: string[];
  /** The kept candidate that may be promoted without a vote, when `judge.auto_promote` is on. */
  autoPromote: string | null;
  /** The original's score, when it was given. */
  originalScore: JudgeScore | null;
  tier: JudgeTier;
  /** Why the configured judge was not (or stopped being) the one that scored. */
  notice: string | null;
  /** Judge calls made, including any repeated after a fallback. */
  calls: number;
}

/**
 * How many candidates the breeder should breed: with the judge on, two more than it keeps (the
 * seed's "breed 5, keep 3"), so the judge has something to reject; otherwise exactly `keep`.
 */
export function candidatesToBreed(config: Pick<Config, 'judge' | 'breeder'>): number {
  const keep = config.breeder.variants_per_evolution;
  return config.judge.enabled ? keep + 2 : keep;
}

function samplesFor(candidate: ScreenCandidate, references: ReadonlyMap<string, unknown>): JudgeSample[] {
  return (candidate.sampleOutputs ?? []).map((sample) => {
    const reference = sample.reference ?? references.get(JSON.stringify(sample.input));
    return {
      input: sample.input,
      output: sample.output,
      ...(reference === undefined ? {} : { reference }),
    };
  });
}

/**
 * The judge's screening of bred variants (DESIGN §4): each candidate is scored on the 5-dimension
 * rubric, those under `judge.reject_below` are rejected, the best `keep` of the rest are kept, and
 * with `judge.auto_promote` on, a kept candidate at or above `judge.auto_promote_at` that is uniquely
 * best (original included) is named for promotion without a vote. If the cloud tier fails part-way,
 * every candidate is judged again by the fallback so all scores come from one judge.
 */
export async function screenVariants(input: ScreenVariantsInput): Promise<ScreenResult> {
  const { skill, judge, config } = input;
  const references = new Map(
    (input.examples ?? [])
      .filter((example) => example.reference !== undefined)
      .map((example) => [JSON.stringify(example.input), example.reference]),
  );
  const all = input.original ? [...input.candidates, input.original] : [...input.candidates];
  let calls = 0;

  const judgeAll = async (model: LanguageModel): Promise<JudgeScore[]> => {
    const scores: JudgeScore[] = [];
    for (const candidate of all) {
      input.signal?.throwIfAborted();
      calls += 1;
      scores.push(
        await judgeCandidate(model, skill, candidate.template, samplesFor(candidate, references), {
          ...(input.signal ? { signal: input.signal } : {}),
        }),
      );
      input.onProgress?.(scores.length, all.length);
    }
    return scores;
  };

  let tier = judge.tier;
  let notice = judge.notice;
  let scores: JudgeScore[];
  try {
    scores = await judgeAll(judge.model);
  } catch (error) {
    if (!(error instanceof CloudJudgeError) || judge.fallback === null) throw error;
    tier = 'backup';
    notice = `cloud judge stopped (${error.message}); judged with the loaded model instead`;
    scores = await judgeAll(judge.fallback);
  }

  const candidateScores = input.candidates.map((candidate, i) => ({
    id: candidate.id,
    judgeScore: scores[i] as JudgeScore,
    order: i,
  }));
  const keep = input.keep ?? 3;
  const passing = candidateScores
    .filter((c) => passesRubric(c.judgeScore.score, config.reject_below))
    .sort((a, b) => b.judgeScore.score - a.judgeScore.score || a.order - b.order);
  const kept = passing.slice(0, keep).map((c) => c.id);
  const keptSet = new Set(kept);

  const originalScore = input.original ? (scores[input.candidates.length] ?? null) : null;
  let autoPromote: string | null = null;
  if (config.auto_promote) {
    const contenders = [
      ...candidateScores.map((c) => ({ id: c.id, score: c.judgeScore.score })),
      ...(originalScore ? [{ id: null, score: originalScore.score }] : []),
    ];
    const best = uniquelyBest(contenders, config.auto_promote_at);
    if (best?.id && keptSet.has(best.id)) autoPromote = best.id;
  }

  return {
    scores: candidateScores.map(({ id, judgeScore }) => ({
      id,
      judgeScore,
      status: keptSet.has(id)
        ? 'kept'
        : passesRubric(judgeScore.score, config.reject_below)
          ? 'surplus'
          : 'rejected',
    })),
    kept,
    autoPromote,
    originalScore,
    tier,
    notice,
    calls,
  };
}

/**
 * The breeder's `screen` hook: binds everything but the candidates and resolves to the kept ones,
 * best first, each with its score and the tier that judged (for `variants.judge_score`). The full
 * result (every score, notice, auto-promotion) goes to `onResult`.
 *
 * @example
 * const screen = judge && createScreen({ skill, examples, judge, config: ctx.config.judge, keep: 3 },
 *   (result) => { judged = result; });
 */
export function createScreen(
  input: Omit<ScreenVariantsInput, 'candidates'>,
  onResult?: (result: ScreenResult) => void,
): (candidates: readonly ScreenCandidate[]) => Promise<KeptCandidate[]> {
  return async (candidates) => {
    const result = await screenVariants({ ...input, candidates });
    onResult?.(result);
    return result.kept.flatMap((id) => {
      const scored = result.scores.find((s) => s.id === id);
      return scored ? [{ id, judgeScore: { ...scored.judgeScore, tier: result.tier } }] : [];
    });
  };
}
