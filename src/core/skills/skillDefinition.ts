import type { z } from 'zod';
import type { SuggestionAnswer } from '../../shared/values/suggestionAnswer';
import type { ExamplePolicy } from '../examples/examplePolicy';
import type { Completion, CompletionRequest, LanguageModel } from '../llm/languageModel';

export const SKILL_IDS = ['file-naming', 'code-linting', 'markdown-analysis', 'audio-actions'] as const;

export type SkillId = (typeof SKILL_IDS)[number];

/**
 * What the surfaces show and ask about a skill's tasks, declared with the skill so no surface
 * switches on its id. Inputs and outputs come from the database, so they are read defensively.
 */
export interface SkillPresentation {
  /** The task in one line for a choice, e.g. `scan001.pdf · 1.2 KB · “INVOICE…”`. */
  taskLine(input: unknown): string;
  /** An output as the user compares it: the part that differs between prompts, not the raw JSON. */
  outputLine(output: unknown): string;
  /** An output in a few lines, as a run prints it: the proposal first, then its parts. */
  outputLines(output: unknown): string[];
  /** A correction as the user would type it, e.g. `{"filename": "…"}`; absent when it is the whole output. */
  readonly correctionExample?: string;
  /** The A/B question above the outputs, e.g. "Which file name is better?". */
  readonly question: string;
  /** What watching a source for this skill yields, e.g. "a name for each new file"; absent when none is watched. */
  readonly watchYield?: string;
  /** What the intake does with a file for this skill, as its progress line starts: "Naming" (3 of 50 files). */
  readonly intakeVerb?: string;
  /**
   * One of this skill's suggestions in one line, from its detail (the contract's `SuggestionView.detail`,
   * read defensively); numbered lists count from 1. Absent for skills that make no suggestions.
   */
  suggestionLine?(detail: unknown): string;
  /**
   * The notification that asks about one of this skill's suggestions, from the suggestion's detail
   * (the contract's `SuggestionView.detail`, read defensively) and the file it is about. Absent for
   * skills that make no suggestions.
   */
  suggestionNotice?(detail: unknown, file: { readonly name: string }): SuggestionNotice;
  /**
   * What the popover shows of one of this skill's suggestions: its card's title and the one line of
   * its collapsed row, from the detail (read defensively) and the file. Absent for skills that make
   * no suggestions.
   */
  suggestionCard?(
    detail: unknown,
    file: { readonly name: string },
  ): { readonly title: string; readonly line: string };
}

/** What a notification about one suggestion says; the surface adds the folder, sound and click hint. */
export interface SuggestionNotice {
  readonly title: string;
  readonly body: string;
  /**
   * Button labels: the first accepts the suggestion, the second rejects it. Empty when answering
   * takes more than a button (it is then answered in the popover or with the CLI).
   */
  readonly actions: readonly string[];
}

/** The answers a skill's suggestion may take besides accept, reject, snooze and an A/B choice. */
export type SkillSpecificAnswer = Extract<SuggestionAnswer['kind'], 'edit' | 'actions'>;

/**
 * A built-in skill as data. `Output` is the shape the model produces under the JSON-schema grammar;
 * `Reference` is what feedback gives us to score against (an accepted output or a user's correction,
 * which may carry only some fields).
 */
export interface SkillDefinition<Input, Output, Reference> {
  readonly id: SkillId;
  readonly name: string;
  /** One paragraph; also handed to the prompt breeder as "the task". */
  readonly description: string;
  /** False for low-variation skills: monitored, evolved only when the user asks. */
  readonly evolveAutomatically: boolean;
  readonly inputSchema: z.ZodType<Input>;
  /**
   * Structure only (what the grammar guarantees). Parse model output with this, so an output that
   * breaks a format rule is still scored (low) instead of throwing.
   */
  readonly rawOutputSchema: z.ZodType<Output>;
  /** {@link rawOutputSchema} plus the format rules a grammar cannot express (kebab-case, lengths…). */
  readonly outputSchema: z.ZodType<Output>;
  readonly referenceSchema: z.ZodType<Reference>;
  /** The v1 template; contains `{{input}}` exactly once. */
  readonly promptV1: string;
  /** v1's example policy: how many of the user's examples v1 shows, chosen how (measured per skill by bench:learn). */
  readonly examplePolicyV1: ExamplePolicy;
  /** Suggested generation cap, in tokens, for one output of this skill. */
  readonly maxOutputTokens: number;
  /** The text that replaces `{{input}}`: compact, mirrors the examples in {@link promptV1}. */
  formatInput(input: Input): string;
  /** Pure and deterministic; 1 means "as good as the reference", in [0, 1]. */
  score(output: Output, reference: Reference): number;
  /**
   * The assistant turn of a demonstration: exactly the text this skill's generation writes for
   * `output` (a stored output or a correction laid over one, so possibly partial). Null when the
   * stored value cannot be shown (the demonstration is then left out).
   */
  demonstration(output: unknown): string | null;
  /** A few words naming an output in "shaped by" lines: a file name, a summary. */
  exampleLabel(output: unknown): string | null;
  /** How a "shaped by" line starts: "named like" (… acme-invoice-july-2025.pdf, which you chose on 3 Nov). */
  readonly shapedByPhrase: string;
  readonly presentation: SkillPresentation;
  /**
   * What else its suggestions take: `edit` (a name the user typed instead), `actions` (the actions
   * kept, by index). Empty for skills whose suggestions are only accepted, rejected or snoozed.
   */
  readonly suggestionAnswers: readonly SkillSpecificAnswer[];
  /**
   * Generates the output for one input, right by construction where a rule is mechanical. Without it
   * the runner makes one JSON completion under {@link outputJsonSchemaFor} (or the static schema).
   */
  generate?(call: GenerateCall<Input>): Promise<Generated<Output>>;
  /** The output's JSON schema for one input: closed sets taken from the input (rule ids, sections, line numbers). */
  outputJsonSchemaFor?(input: Input): Record<string, unknown>;
  /**
   * Completes the generated JSON with what code decides rather than the model (a lint decision
   * follows from its violations), before it is parsed with {@link rawOutputSchema}.
   */
  finish?(generated: unknown, input: Input): unknown;
}

/** One generation: the messages already built (instruction, demonstrations, the task's input). */
export interface GenerateCall<Input> {
  model: LanguageModel;
  request: Omit<CompletionRequest, 'maxTokens' | 'jsonSchema' | 'words'>;
  input: Input;
  /** The demonstrations' outputs as stored, in prompt order. */
  demonstrations: readonly { inputText: string; output: unknown }[];
  /** Only the fields the scorer reads are needed (fitness); the rest may be left empty. */
  scoreOnly: boolean;
  /** Also the other answers a user may pick instead (file naming's two alternatives); they cost
   * generation time, so only runs whose result is shown with them ask. */
  alternatives: boolean;
}

export interface Generated<Output> {
  output: Output;
  /** All the calls made, summed: tokens, latency; `text` is the output as JSON. */
  completion: Completion;
}
