/**
 * Ten weeks of file naming on a simulated clock, with everything running as in the app: each new
 * file is named by the active prompt (and, while an A/B test runs, by the arms the allocator picks);
 * a simulated user with a consistent style (the references) accepts a name that is close enough to
 * theirs and otherwise corrects it; when a comparison is shown they pick the option nearest their
 * own name (with some noise); the daily monitor closes tests, rolls back and starts evolution when
 * accuracy drops, exactly as `startDueEvolutions` does for the app's scheduler.
 *
 * The files: the 30 shared ones in weeks 1–5, their 30 twins (same kinds, new content) in weeks
 * 6–10, so kinds the user corrected come back, as invoices and meeting notes do.
 *
 * Six files a week is a light user; at the defaults (a trigger needs 20 samples in 7 days, a test 15
 * votes in 7 days) nothing would ever start, so the run uses {@link LIFECYCLE_CONFIG}: the knobs
 * that count files scaled to a week's files, the thresholds set to what the 135M reaches, and a
 * small breeder so a run takes minutes. Every rule still runs as in the app.
 */
import { DAY_MS, fixedClock } from '../../src/core/clock';
import { recordVote } from '../../src/core/evolution/abVoting';
import { recordFeedback } from '../../src/core/evolution/feedback';
import { runMonitor } from '../../src/core/evolution/runMonitor';
import { startDueEvolutions } from '../../src/core/evolution/startDueEvolutions';
import type { LanguageModel } from '../../src/core/llm/languageModel';
import type { OpenedCore } from '../../src/core/openCore';
import { seededRng } from '../../src/core/rng';
import { runSkill } from '../../src/core/runner/runSkill';
import { getSkill, scoreStored } from '../../src/core/skills';
import { fileNamingSets } from './evalCases';
import { round, textBar } from './stats';

/** A name scoring at least this against the user's own is accepted as it is. */
export const ACCEPT_AT = 0.75;
/** Standard deviation of the user's noise when picking among A/B options. */
const PICK_NOISE = 0.05;
const T0 = new Date('2026-01-05T09:00:00.000Z');

/** The lifecycle's config.yaml (see the module comment); reported with its results. */
export const LIFECYCLE_CONFIG = `triggers:
  accuracy_threshold: 0.5   # the 135M's names rarely match a user's exactly: evolve below 50% accepted
  sample_size: 6            # a week's files
  window_days: 7
  cooldown_hours: 168
learning:
  rollback_threshold: 0.15  # roll a promotion back only if it is accepted less than v1 ever was
ab_testing:
  min_votes: 4
  max_votes: 12
  max_duration_days: 14
  show_probability: 1
breeder:
  population: 6
  generations: 3
  evaluation_samples: 6
  final_evaluation_samples: 12
  variants_per_evolution: 2
`;

export interface LifecycleWeek {
  week: number;
  tasks: number;
  accepted: number;
  accuracy: number;
  meanScore: number;
  activeVersion: number;
  events: string[];
}

function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export async function runLifecycle(options: {
  model: LanguageModel;
  weeks: number;
  newCore: (config?: string) => OpenedCore;
  log: (text: string) => void;
}): Promise<{ acceptAt: number; config: string; weeks: LifecycleWeek[]; chart: string; wallMs: number }> {
  const started = performance.now();
  const { shared, twins } = fileNamingSets();
  const stream = [...shared, ...twins];
  const perWeek = Math.ceil(stream.length / options.weeks);
  const opened = options.newCore(LIFECYCLE_CONFIG);
  const clock = fixedClock(T0);
  // The same data folder, on the simulated clock.
  const ctx = { ...opened.ctx, clock };
  const userRng = seededRng(7);
  const skill = getSkill('file-naming');
  const weeks: LifecycleWeek[] = [];
  let lastMonitorDay = -1;
  for (let week = 0; week < options.weeks; week++) {
    const row: LifecycleWeek = {
      week: week + 1,
      tasks: 0,
      accepted: 0,
      accuracy: 0,
      meanScore: 0,
      activeVersion: 1,
      events: [],
    };
    let scoreSum = 0;
    for (const [i, c] of stream.slice(week * perWeek, (week + 1) * perWeek).entries()) {
      clock.set(new Date(T0.getTime() + week * 7 * DAY_MS + (i * 7 * DAY_MS) / perWeek));
      const day = Math.floor((clock.now().getTime() - T0.getTime()) / DAY_MS);
      if (day !== lastMonitorDay) {
        lastMonitorDay = day;
        // The daily monitor, as the app's scheduler runs it: tests past their time, rollbacks, triggers.
        const report = runMonitor(ctx);
        for (const closed of report.decisions) {
          const event = `day ${day + 1}: A/B test closed at its time limit: ${closed.decision.reason}${
            closed.promotedVersion === null ? '' : ` → v${closed.promotedVersion}`
          }`;
          row.events.push(event);
          options.log(`  ${event}`);
        }
        for (const rollback of report.rollbacks) {
          const event = `day ${day + 1}: rolled back v${rollback.from} to v${rollback.restored}: ${rollback.reason}`;
          row.events.push(event);
          options.log(`  ${event}`);
        }
        for (const due of await startDueEvolutions(ctx, options.model, { report })) {
          const event = due.result
            ? `day ${day + 1}: accuracy dropped, bred ${due.result.variants.length} variants (${due.result.calls} calls), A/B test started`
            : `day ${day + 1}: evolution failed: ${due.error}`;
          row.events.push(event);
          options.log(`  ${event}`);
        }
      }
      const result = await runSkill(ctx, options.model, 'file-naming', c.input, { source: 'watcher' });
      const score = scoreStored(skill, result.output, c.reference);
      const comparison = result.comparison;
      if (comparison && comparison.outputs.length >= 2) {
        const picked = [...comparison.outputs]
          .map((group) => ({
            group,
            value: scoreStored(skill, group.output, c.reference) + PICK_NOISE * gaussian(userRng),
          }))
          .sort((a, b) => b.value - a.value)[0];
        const outcome = recordVote(ctx, {
          session: comparison.session,
          shown: comparison.shown,
          chosen: picked?.group.arms[0] ?? null,
          task: result.task,
        });
        if (outcome.decision) {
          const event = `day ${day + 1}: A/B decided after ${outcome.votes} votes: ${outcome.decision.reason}${
            outcome.promoted ? ` → v${outcome.promoted.version}` : ''
          }`;
          row.events.push(event);
          options.log(`  ${event}`);
        }
      }
      const accepted = score >= ACCEPT_AT;
      const { rollback } = recordFeedback(
        ctx,
        accepted
          ? { task: result.task, verdict: 'accepted' }
          : { task: result.task, verdict: 'corrected', correction: c.reference },
      );
      if (rollback)
        row.events.push(
          `day ${day + 1}: rolled back v${rollback.from} to v${rollback.restored}: ${rollback.reason}`,
        );
      row.tasks++;
      if (accepted) row.accepted++;
      scoreSum += score;
    }
    row.accuracy = round(row.accepted / Math.max(1, row.tasks));
    row.meanScore = round(scoreSum / Math.max(1, row.tasks));
    row.activeVersion = ctx.store.prompts.activeVersion('file-naming').version;
    weeks.push(row);
    options.log(
      `week ${row.week}: accuracy ${row.accuracy.toFixed(2)} (${row.accepted}/${row.tasks}), mean score ${row.meanScore.toFixed(2)}, v${row.activeVersion}`,
    );
  }
  opened.close();
  const chart = [
    `week  accepted  mean score  (accepted when the name scores ≥ ${ACCEPT_AT} against the user's own)`,
    ...weeks.flatMap((w) => [
      `${String(w.week).padStart(4)}  ${String(Math.round(w.accuracy * 100)).padStart(3)}%  ${textBar(w.meanScore, 30)} ${w.meanScore.toFixed(2)}  v${w.activeVersion}`,
      ...w.events.map((e) => `          ${e}`),
    ]),
  ].join('\n');
  return {
    acceptAt: ACCEPT_AT,
    config: LIFECYCLE_CONFIG,
    weeks,
    chart,
    wallMs: Math.round(performance.now() - started),
  };
}
