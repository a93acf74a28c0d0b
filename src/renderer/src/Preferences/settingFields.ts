import type { RequestOf } from '../../../shared/ipc/channels';

/** What the system picker is opened for (main picks its title and whether it picks files). */
export type PickPurpose = RequestOf<'pickPath'>['purpose'];

/** How one setting is edited. `path` is its key in config.yaml. */
export type SettingField = {
  path: readonly string[];
  label: string;
  help?: string;
} & (
  | { kind: 'number'; step?: number; unit?: string; nullable?: boolean; placeholder?: string }
  | { kind: 'boolean' }
  | { kind: 'text'; nullable?: boolean; placeholder?: string }
  | { kind: 'choice'; options: readonly { value: string; label: string }[] }
  /** A list of folders or files, added with the system picker (or a one-click preset). */
  | {
      kind: 'paths';
      purpose: PickPurpose;
      addLabel: string;
      presets?: readonly { label: string; path: string }[];
    }
  /** One folder or none, chosen with the system picker. */
  | { kind: 'path'; purpose: PickPurpose }
);

export interface SettingGroup {
  id: string;
  title: string;
  intro: string;
  fields: readonly SettingField[];
  /** A line under the fields, e.g. what tinyArms reads from the sources. */
  note?: string;
}

/** Every key of the config schema, grouped as the Preferences window shows them. */
export const settingGroups: readonly SettingGroup[] = [
  {
    id: 'triggers',
    title: 'Triggers',
    intro: 'When a skill’s prompt should evolve, and when a promoted prompt is rolled back.',
    fields: [
      {
        path: ['triggers', 'accuracy_threshold'],
        label: 'Evolve below accuracy',
        kind: 'number',
        step: 0.01,
        help: '0–1; accepted share of outputs over the window.',
      },
      {
        path: ['triggers', 'sample_size'],
        label: 'Minimum feedback',
        kind: 'number',
        step: 1,
        unit: 'samples',
      },
      { path: ['triggers', 'window_days'], label: 'Accuracy window', kind: 'number', step: 1, unit: 'days' },
      {
        path: ['triggers', 'cooldown_hours'],
        label: 'Cooldown between evolutions',
        kind: 'number',
        step: 1,
        unit: 'hours',
      },
      {
        path: ['triggers', 'check_interval_hours'],
        label: 'Check every',
        kind: 'number',
        step: 1,
        unit: 'hours',
      },
      {
        path: ['evolution', 'wait_for_idle_minutes'],
        label: 'Evolve after the Mac is idle for',
        kind: 'number',
        step: 1,
        unit: 'minutes',
        help: 'A due evolution waits this long without input and pauses when you are back; 0 = do not wait.',
      },
      {
        path: ['evolution', 'require_mains_power'],
        label: 'Evolve only on mains power',
        kind: 'boolean',
        help: 'A due evolution waits while on battery and pauses when unplugged.',
      },
      {
        path: ['evolution', 'cross_skill_learning'],
        label: 'Learn across skills',
        kind: 'boolean',
        help: 'Start a skill’s evolution from what other skills’ evolutions learned (structures, example policies, mutation prompts). Off by default: not yet shown to help.',
      },
      {
        path: ['learning', 'min_accuracy_improvement'],
        label: 'Required improvement',
        kind: 'number',
        step: 0.01,
        help: 'A winner must beat the current prompt by this much.',
      },
      {
        path: ['learning', 'rollback_threshold'],
        label: 'Roll back below accuracy',
        kind: 'number',
        step: 0.01,
      },
    ],
  },
  {
    id: 'ab',
    title: 'A/B testing',
    intro: 'How often you are asked to compare outputs, and when a test is decided.',
    fields: [
      { path: ['ab_testing', 'min_votes'], label: 'Minimum votes', kind: 'number', step: 1 },
      { path: ['ab_testing', 'max_votes'], label: 'Maximum votes', kind: 'number', step: 1 },
      {
        path: ['ab_testing', 'check_interval'],
        label: 'Check every',
        kind: 'number',
        step: 1,
        unit: 'votes',
      },
      { path: ['ab_testing', 'confidence'], label: 'Stop at P(best) above', kind: 'number', step: 0.01 },
      {
        path: ['ab_testing', 'max_duration_days'],
        label: 'Longest test',
        kind: 'number',
        step: 1,
        unit: 'days',
      },
      {
        path: ['ab_testing', 'show_probability'],
        label: 'Ask on this share of tasks',
        kind: 'number',
        step: 0.05,
      },
      {
        path: ['ab_testing', 'sequential_boundary_factor'],
        label: 'Sequential boundary factor',
        kind: 'number',
        step: 0.05,
      },
      {
        path: ['ab_testing', 'allocation'],
        label: 'Which outputs to show',
        kind: 'choice',
        options: [
          { value: 'top-two', label: 'Top-two Thompson' },
          { value: 'thompson', label: 'Thompson sampling' },
          { value: 'uniform', label: 'Uniform' },
        ],
      },
      {
        path: ['ab_testing', 'model'],
        label: 'Vote model',
        kind: 'choice',
        options: [
          { value: 'choice', label: 'Choice model (calibrated)' },
          { value: 'beta', label: 'Independent Beta (seed)' },
        ],
      },
    ],
  },
  {
    id: 'breeder',
    title: 'Breeder',
    intro: 'PromptBreeder: how many prompts it breeds and what it may spend.',
    fields: [
      { path: ['breeder', 'population'], label: 'Population', kind: 'number', step: 1 },
      { path: ['breeder', 'generations'], label: 'Generations', kind: 'number', step: 1 },
      { path: ['breeder', 'evaluation_samples'], label: 'Examples per evaluation', kind: 'number', step: 1 },
      {
        path: ['breeder', 'final_evaluation_samples'],
        label: 'Examples for the final',
        kind: 'number',
        step: 1,
      },
      { path: ['breeder', 'variants_per_evolution'], label: 'Variants to test', kind: 'number', step: 1 },
      { path: ['breeder', 'max_calls'], label: 'Model calls per run', kind: 'number', step: 50 },
      { path: ['breeder', 'max_minutes'], label: 'Time per run', kind: 'number', step: 5, unit: 'minutes' },
      {
        path: ['breeder', 'mutation_weights', 'direct'],
        label: 'Direct repair weight',
        kind: 'number',
        step: 0.05,
        help: 'The five weights must sum to 1.',
      },
      {
        path: ['breeder', 'mutation_weights', 'first_order'],
        label: 'First-order weight',
        kind: 'number',
        step: 0.05,
      },
      {
        path: ['breeder', 'mutation_weights', 'crossover'],
        label: 'Crossover weight',
        kind: 'number',
        step: 0.05,
      },
      {
        path: ['breeder', 'mutation_weights', 'zero_order'],
        label: 'Zero-order weight',
        kind: 'number',
        step: 0.05,
      },
      {
        path: ['breeder', 'mutation_weights', 'hypermutation'],
        label: 'Hypermutation weight',
        kind: 'number',
        step: 0.05,
      },
      {
        path: ['breeder', 'example_policy_share'],
        label: 'Example-policy share',
        kind: 'number',
        step: 0.05,
        help: 'How often a mutation changes which of your examples a prompt shows instead of its wording.',
      },
    ],
  },
  {
    id: 'judge',
    title: 'Judge',
    intro: 'An optional rubric that screens bred prompts before you see them.',
    fields: [
      { path: ['judge', 'enabled'], label: 'Screen variants with a judge', kind: 'boolean' },
      {
        path: ['judge', 'tier'],
        label: 'Judge',
        kind: 'choice',
        options: [
          { value: 'local', label: 'Local judge model' },
          { value: 'cloud', label: 'Cloud (OpenAI-compatible)' },
          { value: 'backup', label: 'The skill model' },
        ],
      },
      {
        path: ['judge', 'reject_below'],
        label: 'Reject below score',
        kind: 'number',
        step: 1,
        unit: '/ 100',
      },
      {
        path: ['judge', 'auto_promote_at'],
        label: 'Auto-promote at score',
        kind: 'number',
        step: 1,
        unit: '/ 100',
      },
      { path: ['judge', 'auto_promote'], label: 'Promote a clear winner without a vote', kind: 'boolean' },
      {
        path: ['judge', 'cloud', 'base_url'],
        label: 'Cloud endpoint',
        kind: 'text',
        placeholder: 'https://api.openai.com/v1',
      },
      { path: ['judge', 'cloud', 'model'], label: 'Cloud model', kind: 'text' },
      {
        path: ['judge', 'budget_per_evolution_usd'],
        label: 'Budget per evolution',
        kind: 'number',
        step: 0.01,
        unit: 'USD',
      },
      {
        path: ['judge', 'budget_per_month_usd'],
        label: 'Budget per month',
        kind: 'number',
        step: 0.5,
        unit: 'USD',
      },
    ],
  },
  {
    id: 'model',
    title: 'Model',
    intro: 'The local model every skill runs on. Nothing leaves this Mac.',
    fields: [
      {
        path: ['model', 'name'],
        label: 'Model',
        kind: 'text',
        help: 'A model id from the manifest, or the path of a .gguf file.',
      },
      { path: ['model', 'context_size'], label: 'Context size', kind: 'number', step: 512, unit: 'tokens' },
      {
        path: ['model', 'threads'],
        label: 'Threads',
        kind: 'number',
        step: 1,
        nullable: true,
        placeholder: 'Automatic',
      },
      { path: ['model', 'gpu'], label: 'Use the GPU', kind: 'boolean' },
      {
        path: ['model', 'idle_unload_minutes'],
        label: 'Unload after idle',
        kind: 'number',
        step: 1,
        unit: 'minutes',
        nullable: true,
        placeholder: 'Never',
      },
    ],
  },
  {
    id: 'notifications',
    title: 'Notifications',
    intro: 'Suggestions and choices can be answered right from a notification; these limits keep it rare.',
    fields: [
      { path: ['notifications', 'enabled'], label: 'Show notifications', kind: 'boolean' },
      { path: ['notifications', 'sound'], label: 'Play a sound', kind: 'boolean' },
      {
        path: ['notifications', 'max_per_skill_per_day'],
        label: 'Ask about a skill at most',
        kind: 'number',
        step: 1,
        unit: 'times a day',
        help: 'Beyond this, suggestions wait quietly in the menu. 0 = never notify.',
      },
      {
        path: ['notifications', 'quiet_hours'],
        label: 'Quiet hours',
        kind: 'text',
        nullable: true,
        placeholder: 'None',
        help: 'HH:MM-HH:MM, e.g. 22:00-08:00. Empty = no quiet hours.',
      },
      {
        path: ['notifications', 'snooze_minutes'],
        label: '“Not now” hides a suggestion for',
        kind: 'number',
        step: 15,
        unit: 'minutes',
      },
      {
        path: ['notifications', 'expire_after_hours'],
        label: 'Unanswered suggestions expire after',
        kind: 'number',
        step: 1,
        unit: 'hours',
        help: 'An expired suggestion counts neither way.',
      },
    ],
  },
  {
    id: 'database',
    title: 'Backups',
    intro:
      'Copies of the database in the data folder’s backups folder: daily, before an update changes it, and as set here.',
    fields: [
      {
        path: ['database', 'backup_every_writes'],
        label: 'Back up after',
        kind: 'number',
        step: 100,
        unit: 'changes',
      },
      {
        path: ['database', 'backup_every_hours'],
        label: 'Or after',
        kind: 'number',
        step: 1,
        unit: 'hours',
      },
    ],
  },
  {
    id: 'watchers',
    title: 'Sources',
    intro: 'Where tasks come from. tinyArms never renames, runs or deletes anything without your OK.',
    fields: [
      {
        path: ['watchers', 'folders'],
        label: 'Name new files in',
        kind: 'paths',
        purpose: 'watch-folder',
        addLabel: 'Add Folder…',
        presets: [
          { label: 'Add Desktop', path: '~/Desktop' },
          { label: 'Add Downloads', path: '~/Downloads' },
        ],
        help: 'Each new file gets a name suggestion in the menu.',
      },
      {
        path: ['watchers', 'transcripts_folder'],
        label: 'Voice memo transcripts',
        kind: 'path',
        purpose: 'transcripts-folder',
        help: 'Where your transcription app saves .txt files. The data folder’s transcripts/ folder is always watched.',
      },
      {
        path: ['watchers', 'markdown_files'],
        label: 'Summarize changes to',
        kind: 'paths',
        purpose: 'markdown-file',
        addLabel: 'Add File…',
        help: 'Markdown files: each save gets a short summary of what changed.',
      },
    ],
    note: 'To suggest names, tinyArms reads only file names, sizes and dates, and the first 4 KB of text files. Transcripts and the Markdown files you add are read in full. Nothing leaves this Mac unless you turn on the cloud judge.',
  },
];

export const fieldKey = (field: Pick<SettingField, 'path'>) => field.path.join('.');
