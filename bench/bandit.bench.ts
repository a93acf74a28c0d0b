/**
 * A/B bandit benchmark: simulates A/B tests with a Luce-choice user (pick i among the shown S with
 * probability w_i / Σ_S w) under each allocation rule and posterior model, with the same stop rules,
 * and reports votes to a decision and the share of correct winners next to the Garivier–Kaufmann
 * lower bound. Usage: npx tsx bench/bandit.bench.ts [--json] [--runs N] [--seed S]
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AllocationRule, BanditSettings, PosteriorModel } from '../src/core/bandit/banditSettings';
import { defaultBanditSettings, seedBanditSettings } from '../src/core/bandit/banditSettings';
import { bestArmLowerBound } from '../src/core/bandit/bestArmLowerBound';
import { chooseArmsToShow } from '../src/core/bandit/chooseArmsToShow';
import type { ArmId, Comparison } from '../src/core/bandit/comparison';
import { CONTROL_ARM } from '../src/core/bandit/comparison';
import { decide } from '../src/core/bandit/decide';
import { HOUR_MS } from '../src/core/clock';
import type { Rng } from '../src/core/rng';
import { seededRng } from '../src/core/rng';

interface Scenario {
  name: string;
  arms: ArmId[];
  rates: number[];
  /** Groups of arms that always give the same output, which the app shows once. */
  identical?: ArmId[][];
  /** The arm a test should end with; null when no variant is better (keep the control). */
  best: ArmId | null;
}

interface Variant {
  rule: AllocationRule;
  model: PosteriorModel;
  /** Which stop rule: the seed's (0.95, every 5 votes) or the default (0.9, every vote). */
  stop: 'seed' | 'default';
  /**
   * How a pick of an output several arms gave is credited: to all of them (`sameAs`, today) or only
   * to the arm drawn to stand for it (before).
   */
  ties: 'all' | 'one';
}

const SCENARIOS: Scenario[] = [
  { name: 'clear, 3 arms', arms: ['A', 'B', CONTROL_ARM], rates: [0.5, 0.3, 0.2], best: 'A' },
  { name: 'close, 3 arms', arms: ['A', 'B', CONTROL_ARM], rates: [0.4, 0.35, 0.25], best: 'A' },
  {
    name: 'control + 3 variants, 3 shown',
    arms: ['A', CONTROL_ARM, 'B', 'C'],
    rates: [0.4, 0.25, 0.2, 0.15],
    best: 'A',
  },
  { name: 'all arms equal', arms: ['A', 'B', CONTROL_ARM], rates: [1, 1, 1], best: null },
  {
    name: 'two arms identical (A = control), B better',
    arms: ['A', 'B', CONTROL_ARM],
    rates: [0.3, 0.4, 0.3],
    identical: [['A', CONTROL_ARM]],
    best: 'B',
  },
  {
    name: 'two arms identical (A = control), B worse',
    arms: ['A', 'B', CONTROL_ARM],
    rates: [0.4, 0.2, 0.4],
    identical: [['A', CONTROL_ARM]],
    best: null,
  },
];

const RULES: AllocationRule[] = ['thompson', 'top-two', 'uniform'];
const MODELS: PosteriorModel[] = ['beta', 'choice'];
const VARIANTS: Variant[] = [
  ...MODELS.flatMap((model) =>
    RULES.map((rule) => ({ rule, model, stop: 'seed' as const, ties: 'all' as const })),
  ),
  ...RULES.map((rule) => ({
    rule,
    model: 'choice' as const,
    stop: 'default' as const,
    ties: 'all' as const,
  })),
  { rule: 'top-two', model: 'beta', stop: 'default', ties: 'all' },
  { rule: 'top-two', model: 'choice', stop: 'default', ties: 'one' },
];

function parseArgs(argv: readonly string[]): { json: boolean; runs: number; seed: number } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? 2000);
  const seed = Number(value('--seed') ?? 20_250_101);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${value('--runs')}`);
  if (!Number.isFinite(seed)) throw new Error(`--seed must be a number, got ${value('--seed')}`);
  return { json: argv.includes('--json'), runs, seed };
}

/**
 * What the app shows for the drawn arms: identical outputs once, under one of their arms drawn at
 * random (as the popover does), the others in `sameAs` when ties are credited to all.
 */
function present(drawn: readonly ArmId[], scenario: Scenario, ties: Variant['ties'], rng: Rng): Comparison {
  const shown: ArmId[] = [];
  const sameAs: Record<ArmId, ArmId[]> = {};
  const placed = new Set<ArmId>();
  for (const arm of drawn) {
    if (placed.has(arm)) continue;
    const group = scenario.identical?.find((g) => g.includes(arm)) ?? [arm];
    const members = drawn.filter((other) => group.includes(other));
    for (const member of members) placed.add(member);
    const stands = members[Math.floor(rng() * members.length)] as ArmId;
    shown.push(stands);
    const others = members.filter((member) => member !== stands);
    if (others.length > 0 && ties === 'all') sameAs[stands] = others;
  }
  return { shown, chosen: null, sameAs };
}

/** The simulated user's pick among the shown arms (Luce choice). */
function pick(shown: readonly ArmId[], scenario: Scenario, rng: Rng): ArmId {
  const weights = shown.map((arm) => scenario.rates[scenario.arms.indexOf(arm)] as number);
  let u = rng() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < shown.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return shown[i] as ArmId;
  }
  return shown[shown.length - 1] as ArmId;
}

interface Outcome {
  votes: number;
  winner: ArmId | null;
  rule: string;
}

function simulate(scenario: Scenario, settings: BanditSettings, ties: Variant['ties'], rng: Rng): Outcome {
  const comparisons: Comparison[] = [];
  const startedAt = new Date(0);
  for (;;) {
    const shown = present(chooseArmsToShow(scenario.arms, comparisons, settings, rng), scenario, ties, rng);
    // Two identical outputs only: nothing to ask, as in the app, which shows no comparison then.
    if (shown.shown.length < 2) continue;
    comparisons.push({ ...shown, chosen: pick(shown.shown, scenario, rng) });
    const decision = decide({
      arms: scenario.arms,
      comparisons,
      control: CONTROL_ARM,
      startedAt,
      now: new Date(comparisons.length * HOUR_MS),
      settings,
    });
    if (decision) return { votes: decision.votes, winner: decision.winner, rule: decision.rule };
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

function runVariant(scenario: Scenario, variant: Variant, runs: number, seed: number) {
  const settings: BanditSettings = {
    ...(variant.stop === 'seed' ? seedBanditSettings : defaultBanditSettings),
    allocation: variant.rule,
    model: variant.model,
  };
  const rng = seededRng(seed);
  const outcomes = Array.from({ length: runs }, () => simulate(scenario, settings, variant.ties, rng));
  // Keeping the control is right when no variant is better; a variant equal to it changes nothing.
  const right = (winner: ArmId | null) =>
    scenario.best === null ? winner === null || winner === CONTROL_ARM : winner === scenario.best;
  const votes = outcomes.map((o) => o.votes).sort((a, b) => a - b);
  const share = (test: (o: Outcome) => boolean) => round(outcomes.filter(test).length / runs, 3);
  const confident = outcomes.filter((o) => o.rule === 'confidence' && o.winner !== null);
  return {
    rule: variant.rule,
    model: variant.model,
    stop: variant.stop,
    ties: variant.ties,
    runs,
    medianVotes: quantile(votes, 0.5),
    p90Votes: quantile(votes, 0.9),
    meanVotes: round(votes.reduce((sum, v) => sum + v, 0) / runs, 1),
    correct: share((o) => right(o.winner)),
    wrong: share((o) => !right(o.winner) && o.winner !== null),
    noDifference: share((o) => o.winner === null),
    promoted: share((o) => o.winner !== null && o.winner !== CONTROL_ARM),
    stoppedEarly: share((o) => o.votes < settings.maxVotes),
    confidenceStopsCorrect:
      confident.length === 0
        ? null
        : round(confident.filter((o) => right(o.winner)).length / confident.length, 3),
  };
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

type VariantResult = ReturnType<typeof runVariant>;

/** Runs every (scenario, variant) job on a pool of child processes, one per core; results in job order. */
async function runAll(runs: number, seed: number): Promise<VariantResult[][]> {
  const jobs = SCENARIOS.flatMap((_, s) => VARIANTS.map((_, v) => ({ s, v })));
  const results: VariantResult[][] = SCENARIOS.map(() => []);
  let next = 0;
  const script = fileURLToPath(import.meta.url);
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      const child = fork(script, ['--worker', String(runs), String(seed)], { stdio: 'inherit' });
      const send = () => {
        const job = jobs[next++];
        if (job) child.send(job);
        else child.disconnect();
      };
      child.on('message', (message) => {
        const { s, v, result } = message as { s: number; v: number; result: VariantResult };
        (results[s] as VariantResult[])[v] = result;
        send();
      });
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`bench worker exited with ${code}`)),
      );
      send();
    });
  const size = Math.max(1, Math.min(availableParallelism(), jobs.length));
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

function serveJobs(runs: number, seed: number): void {
  process.on('message', (message) => {
    const { s, v } = message as { s: number; v: number };
    const result = runVariant(SCENARIOS[s] as Scenario, VARIANTS[v] as Variant, runs, seed + 1000 * s + v);
    process.send?.({ s, v, result });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--worker') {
    serveJobs(Number(argv[1]), Number(argv[2]));
    return;
  }
  const { json, runs, seed } = parseArgs(argv);
  const results = await runAll(runs, seed);
  const scenarios = SCENARIOS.map((scenario, s) => {
    // The bound needs one best arm with distinct outputs; it says nothing about equal or identical arms.
    const bound =
      scenario.best === null || scenario.identical
        ? null
        : bestArmLowerBound(scenario.rates, defaultBanditSettings.showCount, LOWER_BOUND_DELTA);
    return {
      name: scenario.name,
      arms: scenario.arms,
      rates: scenario.rates,
      lowerBound: bound ? round(bound.votes, 1) : null,
      characteristicTime: bound ? round(bound.characteristicTime, 2) : null,
      rules: results[s] as VariantResult[],
    };
  });
  const report = {
    default: defaultBanditSettings.allocation,
    defaultModel: defaultBanditSettings.model,
    defaultStop: {
      checkInterval: defaultBanditSettings.checkInterval,
      confidence: defaultBanditSettings.confidence,
    },
    seedRule: { rule: seedBanditSettings.allocation, model: seedBanditSettings.model, stop: 'seed' },
    runs,
    seed,
    lowerBoundDelta: LOWER_BOUND_DELTA,
    scenarios,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  console.log(
    `default: ${report.default} / ${report.defaultModel} / P(best) > ${report.defaultStop.confidence} every ${report.defaultStop.checkInterval} vote(s); seed rule: thompson / beta / > 0.95 every 5; ${runs} runs each; seed ${seed}`,
  );
  for (const scenario of scenarios) {
    console.log(
      `\n${scenario.name}  rates ${scenario.rates.join(', ')}${scenario.lowerBound === null ? '' : `  GK lower bound (δ=${LOWER_BOUND_DELTA}): ${scenario.lowerBound} votes`}`,
    );
    console.table(
      scenario.rules.map((r) => ({
        rule: r.rule,
        model: r.model,
        stop: r.stop,
        ties: r.ties,
        median: r.medianVotes,
        p90: r.p90Votes,
        mean: r.meanVotes,
        correct: r.correct,
        wrong: r.wrong,
        'no diff': r.noDifference,
        promoted: r.promoted,
        early: r.stoppedEarly,
        'conf. ok': r.confidenceStopsCorrect,
      })),
    );
  }
}

/** Error probability the Garivier–Kaufmann bound is quoted at (the seed's 1 − 0.95). */
const LOWER_BOUND_DELTA = 0.05;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
