import { DAY_MS, HOUR_MS } from '../../src/core/clock';
import type { CoreContext } from '../../src/core/coreContext';
import { createManualSession } from '../../src/core/evolution/abSession';
import { promoteVariant } from '../../src/core/evolution/abVoting';
import { recordFeedback } from '../../src/core/evolution/feedback';
import type { Verdict } from '../../src/core/store/columnValues';

/** The clock the scenario is written for; it ends at `now`. */
export interface ScenarioClock {
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

const fileInputs = [
  {
    originalName: 'scan0042.pdf',
    extension: 'pdf',
    sizeBytes: 182_344,
    excerpt: 'INVOICE #2231 Acme Corp, July 2025, total 1,240.00 EUR',
  },
  {
    originalName: 'IMG_2231.jpg',
    extension: 'jpg',
    sizeBytes: 2_483_112,
    metadata: { camera: 'iPhone 15', taken: '2025-06-14' },
  },
  {
    originalName: 'Document (3).docx',
    extension: 'docx',
    sizeBytes: 48_200,
    excerpt: 'Lease agreement between M. Rossi and Oak Street Properties',
  },
  {
    originalName: 'download.pdf',
    extension: 'pdf',
    sizeBytes: 90_112,
    excerpt: 'Boarding pass LH 1234 Munich to Lisbon 12 SEP',
  },
] as const;

/** Outputs per arm for each pending task; the third task's B equals the original (shown once). */
const armOutputs: readonly Record<'original' | 'A' | 'B', string>[] = [
  {
    original: 'invoice-acme-2231.pdf',
    A: 'acme-corp-invoice-2231-july-2025.pdf',
    B: 'acme-invoice-july-2025.pdf',
  },
  {
    original: 'photo-iphone-june-2025.jpg',
    A: 'img-2231-2025-06-14-iphone.jpg',
    B: 'iphone-photo-2025-06-14.jpg',
  },
  {
    original: 'lease-agreement-rossi.docx',
    A: 'rossi-oak-street-lease-agreement.docx',
    B: 'lease-agreement-rossi.docx',
  },
];

function filenameOutput(filename: string) {
  return { filename, reasoning: 'from the content', alternatives: [`${filename}-1`, `${filename}-2`] };
}

/** A task with the active prompt's run, as the runner records it. */
function task(ctx: CoreContext, skill: string, input: unknown, output: unknown): string {
  return ctx.store.write(() => {
    const created = ctx.store.tasks.createTask({ skill, input, source: 'watcher' }, ctx.clock.now());
    const version = ctx.store.prompts.activeVersion(skill).version;
    ctx.store.tasks.addRun(
      {
        task: created.id,
        promptVersion: version,
        variant: null,
        arm: 'original',
        output,
        latencyMs: 420,
        tokens: 38,
        model: 'e2e',
      },
      ctx.clock.now(),
    );
    return created.id;
  });
}

const inputs: Record<string, unknown> = {
  'file-naming': fileInputs[0],
  'code-linting': { code: 'const x = 1\nconsole.log(x)', language: 'javascript' },
  'markdown-analysis': { previous: '# Notes', current: '# Notes\n\n- new item', path: 'notes.md' },
  'audio-actions': { transcript: 'Remind me to call Anna tomorrow at ten', today: '2026-03-01' },
};

/** `count` verdicts spread over the last `days` days, accepted with the given share. */
function feedbackOver(
  ctx: CoreContext,
  clock: ScenarioClock,
  skill: string,
  { count, accepted, days, end }: { count: number; accepted: number; days: number; end: Date },
) {
  const step = (days * DAY_MS) / count;
  for (let i = 0; i < count; i++) {
    clock.set(new Date(end.getTime() - days * DAY_MS + (i + 0.5) * step));
    // Spread the rejections so each day's share varies, like real use.
    const verdict: Verdict = (i * 5) % count < Math.round(accepted * count) ? 'accepted' : 'rejected';
    recordFeedback(ctx, { task: task(ctx, skill, inputs[skill], { demo: i }), verdict });
  }
}

export interface Scenario {
  /** The testing A/B session of file-naming. */
  session: string;
  /** Its unanswered tasks, oldest first; the last has two identical outputs. */
  pendingTasks: string[];
}

/**
 * A data folder that looks like a week of use: feedback on every skill (sparklines), an audio-actions
 * prompt promoted from an earlier A/B test (history), and a file-naming A/B test with three tasks
 * whose outputs wait for a vote. Ends with the clock at `end`.
 */
export function seedScenario(ctx: CoreContext, clock: ScenarioClock, end: Date): Scenario {
  clock.set(new Date(end.getTime() - 8 * DAY_MS));
  const earlier = createManualSession(ctx, 'audio-actions', [
    'You turn voice memos into actions. Reply with JSON only.\nTranscript:\n{{input}}',
  ]);
  // As a screened run stores it: the judge's verdict on the variant, shown in history.
  ctx.store.db.prepare('UPDATE variants SET judge_score = ? WHERE session = ?').run(
    JSON.stringify({
      score: 76,
      dimensions: { clarity: 4, specificity: 4, format: 4, completeness: 3, correctness: 4 },
      reason: 'clear and specific; the format rule is stated',
      model: 'smollm2',
      tier: 'local',
    }),
    earlier.session.id,
  );
  clock.advance(2 * DAY_MS);
  promoteVariant(ctx, 'audio-actions', earlier.arms[1] ?? 'A');

  feedbackOver(ctx, clock, 'file-naming', { count: 26, accepted: 0.69, days: 7, end });
  feedbackOver(ctx, clock, 'code-linting', { count: 22, accepted: 0.91, days: 7, end });
  feedbackOver(ctx, clock, 'markdown-analysis', { count: 6, accepted: 0.83, days: 5, end });
  feedbackOver(ctx, clock, 'audio-actions', { count: 21, accepted: 0.86, days: 5, end });

  clock.set(new Date(end.getTime() - 5 * HOUR_MS));
  const { session } = createManualSession(ctx, 'file-naming', [
    'Name the file in kebab-case from its content: who, what, when. Keep it under 40 characters.\n{{input}}',
    'Suggest a short, descriptive kebab-case file name. Prefer the document type first.\n{{input}}',
  ]);
  const variants = ctx.store.sessions.variantsOf(session.id);
  const pendingTasks = armOutputs.map((outputs, i) => {
    clock.advance(HOUR_MS);
    return ctx.store.write(() => {
      const created = ctx.store.tasks.createTask(
        { skill: 'file-naming', input: fileInputs[i], source: 'watcher' },
        ctx.clock.now(),
      );
      for (const arm of ['original', 'A', 'B'] as const) {
        ctx.store.tasks.addRun(
          {
            task: created.id,
            promptVersion: arm === 'original' ? session.originalVersion : null,
            variant: arm === 'original' ? null : (variants.find((v) => v.letter === arm)?.id ?? null),
            arm,
            output: filenameOutput(outputs[arm]),
            latencyMs: 400,
            tokens: 40,
            model: 'e2e',
          },
          ctx.clock.now(),
        );
      }
      return created.id;
    });
  });
  clock.set(end);
  return { session: session.id, pendingTasks };
}
