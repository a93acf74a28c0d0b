import { z } from 'zod';

/**
 * Every knob of DESIGN §6 with its default. Keys are snake_case because they are what the user types
 * in `config.yaml`. Sections use `prefault({})` so a partial file is parsed (and defaulted) key by key,
 * and `strictObject` so a typo is reported instead of silently ignored.
 *
 * Every knob has a non-optional default (`null` where "unset" is meaningful), so `defaultConfig`
 * lists every known key; the key suggestions and `saveConfig` rely on that.
 */

const fraction = z.number().min(0).max(1);
const positiveInt = z.int().min(1);

/**
 * A cross-field issue, reported on `path`. `related` are the other keys it depends on, relative to the
 * same object as `path`; `loadConfig` drops one of them when the reported key is not in the user's file.
 */
function ordered(path: readonly string[], related: readonly string[][], message: string, input: unknown) {
  return { code: 'custom' as const, path: [...path], message, input, params: { localPath: path, related } };
}

const triggersSchema = z
  .strictObject({
    accuracy_threshold: fraction.default(0.8),
    sample_size: positiveInt.default(20),
    window_days: z.number().positive().default(7),
    cooldown_hours: z.number().min(0).default(168),
    check_interval_hours: z.number().positive().default(24),
  })
  .prefault({});

const mutationWeightsSchema = z
  .strictObject({
    direct: fraction.default(0.3),
    first_order: fraction.default(0.3),
    crossover: fraction.default(0.2),
    zero_order: fraction.default(0.15),
    hypermutation: fraction.default(0.05),
  })
  .prefault({})
  .superRefine((w, ctx) => {
    const sum = w.direct + w.first_order + w.crossover + w.zero_order + w.hypermutation;
    if (Math.abs(sum - 1) > 1e-6) {
      ctx.addIssue(ordered([], [], `must sum to 1, got ${Number(sum.toFixed(6))}`, w));
    }
  });

const breederSchema = z
  .strictObject({
    population: z.int().min(2).default(20),
    generations: positiveInt.default(30),
    evaluation_samples: positiveInt.default(10),
    final_evaluation_samples: positiveInt.default(100),
    mutation_weights: mutationWeightsSchema,
    /**
     * Share of mutations that change a prompt's example policy (how many bank examples, chosen how,
     * in what order) instead of its instruction; the five classes above share the rest.
     */
    example_policy_share: fraction.default(0.3),
    variants_per_evolution: z.int().min(1).max(5).default(3),
    /** Model calls per breeder run; the seed's settings need ~930 before caching. */
    max_calls: positiveInt.default(1000),
    /** Wall-clock minutes per breeder run. */
    max_minutes: z.number().positive().default(60),
  })
  .prefault({})
  .superRefine((b, ctx) => {
    if (b.final_evaluation_samples < b.evaluation_samples) {
      ctx.addIssue(
        ordered(
          ['final_evaluation_samples'],
          [['evaluation_samples']],
          `must be ≥ evaluation_samples (${b.evaluation_samples}), got ${b.final_evaluation_samples}`,
          b.final_evaluation_samples,
        ),
      );
    }
    if (b.variants_per_evolution >= b.population) {
      ctx.addIssue(
        ordered(
          ['variants_per_evolution'],
          [['population']],
          `must be < population (${b.population}), got ${b.variants_per_evolution}`,
          b.variants_per_evolution,
        ),
      );
    }
  });

const abTestingSchema = z
  .strictObject({
    min_votes: positiveInt.default(15),
    max_votes: positiveInt.default(50),
    /** Votes between P(best) checks. The seed said 5; the bandit benchmark's pick checks every vote. */
    check_interval: positiveInt.default(1),
    /** P(best) that ends a test. The seed said 0.95 on its overconfident Beta model; the calibrated
     * choice model reaches as many correct winners at 0.90 in fewer votes (npm run bench:bandit). */
    confidence: z.number().gt(0.5).lt(1).default(0.9),
    max_duration_days: z.number().positive().default(7),
    show_probability: fraction.default(0.5),
    sequential_boundary_factor: z.number().positive().default(2.25),
    /** Which arms are shown; the bandit benchmark settles the default. */
    allocation: z.enum(['thompson', 'top-two', 'uniform']).default('top-two'),
    /** Posterior model of a vote. */
    model: z.enum(['beta', 'choice']).default('choice'),
  })
  .prefault({})
  .superRefine((a, ctx) => {
    if (a.min_votes > a.max_votes) {
      ctx.addIssue(
        ordered(
          ['min_votes'],
          [['max_votes']],
          `must be ≤ max_votes (${a.max_votes}), got ${a.min_votes}`,
          a.min_votes,
        ),
      );
    }
  });

const learningSchema = z
  .strictObject({
    min_accuracy_improvement: fraction.default(0.05),
    rollback_threshold: fraction.default(0.7),
  })
  .prefault({});

const judgeSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    tier: z.enum(['local', 'cloud', 'backup']).default('local'),
    reject_below: z.number().min(0).max(100).default(70),
    auto_promote_at: z.number().min(0).max(100).default(90),
    auto_promote: z.boolean().default(false),
    /** OpenAI-compatible endpoint. The API key lives in the OS keychain, never in this file. */
    cloud: z
      .strictObject({
        /** https only; plain http only to this machine (a local server), so a key never crosses a network in clear. */
        base_url: z
          .url({ protocol: /^https?$/ })
          .refine(
            (url) =>
              url.startsWith('https:') || ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname),
            'must be https:// (plain http:// only for localhost)',
          )
          .default('https://api.openai.com/v1'),
        model: z.string().min(1).default('gpt-5-mini'),
      })
      .prefault({}),
    budget_per_evolution_usd: z.number().min(0).default(0.05),
    budget_per_month_usd: z.number().min(0).default(2),
  })
  .prefault({})
  .superRefine((j, ctx) => {
    if (j.reject_below > j.auto_promote_at) {
      ctx.addIssue(
        ordered(
          ['reject_below'],
          [['auto_promote_at']],
          `must be ≤ auto_promote_at (${j.auto_promote_at}), got ${j.reject_below}`,
          j.reject_below,
        ),
      );
    }
    if (j.budget_per_evolution_usd > j.budget_per_month_usd) {
      ctx.addIssue(
        ordered(
          ['budget_per_evolution_usd'],
          [['budget_per_month_usd']],
          `must be ≤ budget_per_month_usd (${j.budget_per_month_usd}), got ${j.budget_per_evolution_usd}`,
          j.budget_per_evolution_usd,
        ),
      );
    }
  });

const modelSchema = z
  .strictObject({
    /** A model manifest id, or the path of a local .gguf file. */
    name: z.string().min(1).default('smollm2-360m-instruct-q4_k_m'),
    context_size: z.int().min(512).default(8192),
    /** `null` = auto. Set it explicitly on small machines: see DESIGN §7. */
    threads: positiveInt.nullable().default(null),
    gpu: z.boolean().default(false),
    /** `null` = keep the model loaded. */
    idle_unload_minutes: z.number().positive().nullable().default(10),
  })
  .prefault({});

/** Watched folders, and watched markdown files, at most: each is a file-system watcher. */
export const MAX_WATCHED = 64;

/** `HH:MM-HH:MM` in local time; may wrap midnight (`22:00-08:00`). */
export const QUIET_HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** How often tinyArms may ask for feedback: the fatigue limits. */
const notificationsSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    sound: z.boolean().default(false),
    /** Notifications asking about one skill's output per local day; beyond it suggestions wait quietly
     * in the popover. `0` = never notify. */
    max_per_skill_per_day: z.int().min(0).max(100).default(5),
    /** No notifications in this local time range (`HH:MM-HH:MM`); `null` = none. */
    quiet_hours: z
      .string()
      .regex(QUIET_HOURS, 'must be HH:MM-HH:MM, e.g. 22:00-08:00')
      .nullable()
      .default('22:00-08:00'),
    /** "Not now" hides a suggestion for this long. */
    snooze_minutes: z.int().min(1).max(10_080).default(120),
    /** An unanswered suggestion expires after this long and counts neither way. */
    expire_after_hours: z
      .number()
      .positive()
      .max(24 * 90)
      .default(72),
  })
  .prefault({});

const watchersSchema = z
  .strictObject({
    /** Folders whose new files get a rename suggestion; empty until the user picks some. */
    folders: z.array(z.string().min(1).max(4096)).max(MAX_WATCHED).default([]),
    /** A folder of yours where transcripts land (audio-actions), besides the data folder's own
     * `transcripts/` drop folder; `null` = none. */
    transcripts_folder: z.string().min(1).max(4096).nullable().default(null),
    /** Markdown files whose every save gets a change summary (markdown-analysis). */
    markdown_files: z.array(z.string().min(1).max(4096)).max(MAX_WATCHED).default([]),
  })
  .prefault({});

const evolutionSchema = z
  .strictObject({
    paused: z.boolean().default(false),
    /** A due evolution starts only after the Mac has had no input for this long, and a running one
     * pauses at the next generation when the user is back; `0` = do not wait for idle. */
    wait_for_idle_minutes: z
      .number()
      .min(0)
      .max(24 * 60)
      .default(5),
    /** A due evolution starts only on mains power, and a running one pauses when unplugged. */
    require_mains_power: z.boolean().default(true),
    /**
     * A skill's evolution starts from what other skills' evolutions learned: their winning
     * instruction structure and example policy as seeds, their operators' outcomes as the weights'
     * prior, and the mutation prompts and thinking styles they wrote. Off: a skill learns only from
     * its own runs. Off by default: `bench:learn --transfer` has not shown a gain on the 135M model (README).
     */
    cross_skill_learning: z.boolean().default(false),
  })
  .prefault({});

const databaseSchema = z
  .strictObject({
    /** A `VACUUM INTO` backup after this many committed writes of one process… */
    backup_every_writes: z.int().min(1).default(500),
    /** …or this many hours after its last backup, whichever comes first (besides daily and pre-migration). */
    backup_every_hours: z.number().positive().default(1),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    triggers: triggersSchema,
    breeder: breederSchema,
    ab_testing: abTestingSchema,
    learning: learningSchema,
    judge: judgeSchema,
    model: modelSchema,
    notifications: notificationsSchema,
    watchers: watchersSchema,
    evolution: evolutionSchema,
    database: databaseSchema,
  })
  .superRefine((c, ctx) => {
    // Rolling back below the evolution threshold is the point; the other way round would roll back
    // prompts that the monitor still calls healthy.
    if (c.learning.rollback_threshold > c.triggers.accuracy_threshold) {
      ctx.addIssue(
        ordered(
          ['learning', 'rollback_threshold'],
          [['triggers', 'accuracy_threshold']],
          `must be ≤ triggers.accuracy_threshold (${c.triggers.accuracy_threshold}), got ${c.learning.rollback_threshold}`,
          c.learning.rollback_threshold,
        ),
      );
    }
  });

/** The parsed configuration (what the app uses). */
export type Config = z.infer<typeof configSchema>;
/** What a user may write: every key optional. */
export type ConfigInput = z.input<typeof configSchema>;
export type TriggersConfig = Config['triggers'];

export const defaultConfig: Config = configSchema.parse({});
