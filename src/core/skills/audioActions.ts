import { z } from 'zod';
import { DEFAULT_EXAMPLE_POLICY } from '../examples/examplePolicy';
import { clip, field, items, text } from './presentationText';
import { quoteLabel } from './quoteLabel';
import type { SkillDefinition } from './skillDefinition';
import { matchF1, textF1, tokenize, weightedMean } from './tokenF1';

/**
 * The only commands the app can carry out from a voice note (each still waits for the user's OK).
 * A fixed enum, so the grammar makes any other command impossible to generate.
 */
export const AUDIO_COMMANDS = [
  'create_reminder',
  'create_calendar_event',
  'create_task',
  'create_note',
  'send_message',
] as const;
export type AudioCommand = (typeof AUDIO_COMMANDS)[number];

/** The speaker's main purpose: the primary command, or `none` for a note with nothing to do. */
export const AUDIO_INTENTS = [...AUDIO_COMMANDS, 'none'] as const;

export const AUDIO_ENTITY_TYPES = [
  'person',
  'date',
  'time',
  'place',
  'organization',
  'item',
  'amount',
] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `''`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
const WHEN = /^(?:\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?)?$/;

export const audioActionsInputSchema = z.object({
  transcript: z.string().min(1),
  /** The local calendar date the note was recorded, `YYYY-MM-DD`; relative dates resolve against it. */
  today: z.string().regex(ISO_DATE, 'today must be YYYY-MM-DD'),
});
export type AudioActionsInput = z.infer<typeof audioActionsInputSchema>;

const entitySchema = z.object({
  type: z.enum(AUDIO_ENTITY_TYPES),
  value: z.string().min(1).max(60),
});
export type AudioEntity = z.infer<typeof entitySchema>;

const actionSchema = z.object({
  command: z.enum(AUDIO_COMMANDS),
  details: z.string().min(1).max(100),
  /** `''` when the action has no date. */
  when: z.string().max(16),
});
export type AudioAction = z.infer<typeof actionSchema>;

export const audioActionsRawOutputSchema = z.object({
  intent: z.enum(AUDIO_INTENTS),
  entities: z.array(entitySchema).max(6),
  actions: z.array(actionSchema).max(3),
  summary: z.string().max(160),
});
export type AudioActionsOutput = z.infer<typeof audioActionsRawOutputSchema>;

export const audioActionsOutputSchema = audioActionsRawOutputSchema.superRefine((output, ctx) => {
  output.actions.forEach((action, index) => {
    if (!WHEN.test(action.when)) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions', index, 'when'],
        message: 'when must be empty, YYYY-MM-DD or YYYY-MM-DDTHH:MM',
      });
    }
  });
  if (output.intent === 'none' && output.actions.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['intent'], message: 'intent "none" cannot come with actions' });
  }
  if (output.intent !== 'none' && !output.actions.some((action) => action.command === output.intent)) {
    ctx.addIssue({
      code: 'custom',
      path: ['actions'],
      message: `no action carries the intent "${output.intent}"`,
    });
  }
});

export const audioActionsReferenceSchema = z.object({
  intent: z.enum(AUDIO_INTENTS),
  entities: z.array(entitySchema).optional(),
  actions: z.array(actionSchema.partial({ details: true, when: true })).optional(),
  summary: z.string().optional(),
});
export type AudioActionsReference = z.infer<typeof audioActionsReferenceSchema>;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The weekday is spelled out because "next Tuesday" is unsolvable for a small model without it. */
export function formatAudioActionsInput(input: AudioActionsInput): string {
  const weekday = WEEKDAYS[new Date(`${input.today}T00:00:00Z`).getUTCDay()] ?? '';
  const transcript = input.transcript.replace(/\s+/g, ' ').trim();
  return `today: ${input.today} (${weekday})\ntranscript: ${transcript}`;
}

/** Same type, and values that share most words ("Dr Patel" ≈ "Dr. Patel"). */
function entitySimilarity(p: AudioEntity, r: AudioEntity): number {
  if (p.type !== r.type) return 0;
  const similarity = textF1(p.value, r.value);
  return similarity >= 0.5 ? similarity : 0;
}

type ReferenceAction = NonNullable<AudioActionsReference['actions']>[number];

function actionSimilarity(p: AudioAction, r: ReferenceAction): number {
  if (p.command !== r.command) return 0;
  return weightedMean([
    [0.5, 1],
    [0.25, r.when === undefined ? undefined : p.when === r.when ? 1 : 0],
    [
      0.25,
      r.details === undefined || tokenize(r.details).length === 0 ? undefined : textF1(p.details, r.details),
    ],
  ]);
}

/**
 * Intent accuracy + entity F1 (+ action overlap when the reference lists actions):
 * `0.5·sameIntent + 0.3·entityF1 + 0.2·actionF1`, renormalised over what the reference carries.
 */
export function scoreAudioActions(output: AudioActionsOutput, reference: AudioActionsReference): number {
  return weightedMean([
    [0.5, output.intent === reference.intent ? 1 : 0],
    [
      0.3,
      reference.entities === undefined
        ? undefined
        : matchF1(output.entities, reference.entities, entitySimilarity),
    ],
    [
      0.2,
      reference.actions === undefined
        ? undefined
        : matchF1(output.actions, reference.actions, actionSimilarity),
    ],
  ]);
}

/** The part of a generated `when` that is a date (and minute), else `''`. */
function normalizedWhen(when: unknown): string {
  const match = typeof when === 'string' ? /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2})?/.exec(when) : null;
  return match ? `${match[1]}${match[2] ?? ''}` : '';
}

/**
 * Makes the generated JSON consistent where code can decide: every `when` is empty, a date or a date
 * and minute; the intent is the first action's command when the model named none or one no action
 * carries, and `none` when there is no action at all.
 */
export function finishAudioActions(generated: unknown): unknown {
  if (generated === null || typeof generated !== 'object') return generated;
  const value = generated as { intent?: unknown; actions?: unknown };
  if (!Array.isArray(value.actions)) return generated;
  const generatedActions = value.actions as Record<string, unknown>[];
  const actions = generatedActions.map((a) => ({ ...a, when: normalizedWhen(a.when) }));
  const commands = generatedActions.map((a) => a.command);
  const first = commands[0];
  const intent = first === undefined ? 'none' : commands.includes(value.intent) ? value.intent : first;
  return { ...value, intent, actions };
}

/** A stored output or correction as the model writes it; missing details and dates stay empty. */
export function audioActionsDemonstration(output: unknown): string | null {
  const parsed = audioActionsReferenceSchema.safeParse(output);
  if (!parsed.success) return null;
  const actions = (parsed.data.actions ?? []).map((a) => ({
    command: a.command,
    details: a.details ?? a.command.replace(/_/g, ' '),
    when: a.when ?? '',
  }));
  return JSON.stringify({
    intent: parsed.data.intent,
    entities: parsed.data.entities ?? [],
    actions,
    summary: parsed.data.summary ?? '',
  });
}

function audioActionsLabel(output: unknown): string | null {
  const parsed = audioActionsReferenceSchema.safeParse(output);
  if (!parsed.success) return null;
  return quoteLabel(parsed.data.summary?.trim() || parsed.data.intent.replace(/_/g, ' '));
}

export const audioActionsPromptV1 = `You turn voice-note transcripts into actions.
Rules:
- commands: create_reminder, create_calendar_event, create_task, create_note, send_message
- intent: the main command, or none if nothing needs doing
- entities: people, dates, times, places, organizations, items, amounts
- resolve relative dates from today; when: YYYY-MM-DD, YYYY-MM-DDTHH:MM or ""
Reply with JSON only.

today: 2025-03-03 (Monday)
transcript: remind me to call the dentist tomorrow at nine
{"intent":"create_reminder","entities":[{"type":"person","value":"dentist"},{"type":"date","value":"2025-03-04"},{"type":"time","value":"09:00"}],"actions":[{"command":"create_reminder","details":"Call the dentist","when":"2025-03-04T09:00"}],"summary":"Call the dentist tomorrow at 9."}

today: 2025-06-12 (Thursday)
transcript: lunch with Priya on Friday, and text her that I'll bring the contract
{"intent":"create_calendar_event","entities":[{"type":"person","value":"Priya"},{"type":"date","value":"2025-06-13"}],"actions":[{"command":"create_calendar_event","details":"Lunch with Priya","when":"2025-06-13"},{"command":"send_message","details":"To Priya: I'll bring the contract","when":""}],"summary":"Lunch with Priya Friday; she gets the contract."}

today: 2025-01-20 (Monday)
transcript: that podcast about sleep was really good
{"intent":"none","entities":[{"type":"item","value":"podcast about sleep"}],"actions":[],"summary":"Liked a podcast about sleep."}

{{input}}
`;

/** `create_task (2025-11-04): Send the invoice`: one stored action as a list shows it. */
function actionText(action: unknown): string {
  const when = field(action, 'when');
  return `${String(field(action, 'command'))}${when ? ` (${String(when)})` : ''}: ${String(field(action, 'details'))}`;
}

export const audioActions: SkillDefinition<AudioActionsInput, AudioActionsOutput, AudioActionsReference> = {
  id: 'audio-actions',
  name: 'Audio actions',
  description:
    "Read a voice-note transcript, given today's date, and extract the intent, the entities mentioned " +
    '(people, dates, times, places, organizations, items, amounts) and the actions to take, using only the ' +
    'allowed commands (create_reminder, create_calendar_event, create_task, create_note, send_message), ' +
    'with a one-sentence summary.',
  evolveAutomatically: true,
  inputSchema: audioActionsInputSchema,
  rawOutputSchema: audioActionsRawOutputSchema,
  outputSchema: audioActionsOutputSchema,
  referenceSchema: audioActionsReferenceSchema,
  promptV1: audioActionsPromptV1,
  examplePolicyV1: DEFAULT_EXAMPLE_POLICY,
  maxOutputTokens: 512,
  formatInput: formatAudioActionsInput,
  score: scoreAudioActions,
  demonstration: audioActionsDemonstration,
  finish: finishAudioActions,
  shapedByPhrase: 'read like',
  presentation: {
    taskLine: (input) => clip(`“${text(field(input, 'transcript')) ?? ''}”`),
    outputLine: (output) => {
      const actions = field(output, 'actions');
      const listed = Array.isArray(actions)
        ? actions.map((a) => `${String(field(a, 'command'))}: ${String(field(a, 'details'))}`).join('; ')
        : '';
      return [text(field(output, 'summary')), listed].filter(Boolean).join(' — ') || JSON.stringify(output);
    },
    outputLines: (output) => [
      `Intent: ${String(field(output, 'intent'))} — ${String(field(output, 'summary'))}`,
      ...items(field(output, 'actions')).map((a) => `  ${actionText(a)}`),
    ],
    question: 'Which actions fit the memo?',
    watchYield: 'the actions in each new transcript',
    intakeVerb: 'Reading',
    suggestionLine: (detail) => {
      const summary = String(field(detail, 'summary'));
      const actions = items(field(detail, 'actions'));
      if (actions.length === 0) return `${summary} (no actions)`;
      return `${summary} — ${actions.map((a, i) => `${i + 1}) ${actionText(a)}`).join('  ')}`;
    },
    suggestionCard: (detail, file) => {
      const n = items(field(detail, 'actions')).length;
      return { title: 'Actions from a voice memo', line: `${file.name}: ${n} action${n === 1 ? '' : 's'}` };
    },
    // Keeping some of the actions takes the popover (or `--keep`); the buttons keep all or none.
    suggestionNotice: (detail, file) => {
      const listed = field(detail, 'actions');
      const actions = Array.isArray(listed) ? listed : [];
      return {
        title: `Actions from ${clip(file.name, 48)}`,
        body: [
          clip(text(field(detail, 'summary')) ?? '', 80),
          ...actions.map((action) => `• ${clip(text(field(action, 'details')) ?? '', 60)}`),
        ].join('\n'),
        actions: actions.length > 0 ? ['Keep All', 'None'] : [],
      };
    },
  },
  suggestionAnswers: ['actions'],
  exampleLabel: audioActionsLabel,
};
