/**
 * The port every model user (skill runner, breeder, judge) talks to. The node-llama-cpp adapter
 * implements it for local GGUFs; an OpenAI-compatible adapter implements it for the cloud judge.
 */
export interface CompletionRequest {
  /** System message; the adapter applies the model's chat template. */
  system?: string;
  /**
   * Earlier exchanges shown before {@link user}, oldest first: for skills, the instruction and the
   * demonstrations (the instruction opens the first turn, so it stays a shared, reusable prefix).
   */
  turns?: readonly ChatTurn[];
  /** The last user message: for skills, the task input (or the whole rendered template without demonstrations). */
  user: string;
  /**
   * JSON Schema the output must follow (generation is grammar-constrained, the text parsed and
   * checked). A text that is not such JSON rejects with `ModelOutputError`.
   */
  jsonSchema?: Record<string, unknown>;
  /**
   * Constrains the answer to a sequence of words from a closed vocabulary (see {@link WordSequence});
   * exclusive with `jsonSchema`. The completion's text is `prefix + words joined + suffix`.
   */
  words?: WordSequence;
  /** Generation cap in tokens (per word with `words`). */
  maxTokens: number;
  /** @default 0 (greedy, deterministic) */
  temperature?: number;
  /** Sampling seed when temperature > 0. */
  seed?: number;
  signal?: AbortSignal;
}

export interface ChatTurn {
  user: string;
  assistant: string;
}

/**
 * An answer that is right by construction: `prefix`, then 1–`maxWords` words of `vocabulary` joined by
 * `separator` (together `minChars`–`maxChars` characters), then `suffix`. No word follows itself, none
 * appears more than {@link MAX_WORD_REPEATS} times (a number only once) and no pair of words twice
 * ("one-on-one" is fine, "dad-thank-dad-thank" and "2025-12-2025" are not); the first word is none of `notFirst`, so answers asked for
 * with each other's first words in `notFirst` are distinct. Adapters decode it a word at a time under
 * a grammar of the words still allowed (see wordSequence.ts).
 */
export interface WordSequence {
  /** Written for the model before it answers (not generated), e.g. `{"filename": "`. */
  prefix: string;
  /** Lowercase `[a-z0-9]+` words. */
  vocabulary: readonly string[];
  separator: string;
  /** Ends the answer, e.g. `.pdf"}`; its first character is neither a word character nor the separator. */
  suffix: string;
  minChars: number;
  maxChars: number;
  maxWords: number;
  notFirst?: readonly string[];
}

/** A word may appear at most this often in one answer ("one-on-one" needs two). */
export const MAX_WORD_REPEATS = 2;

export interface Completion {
  text: string;
  /** The parsed JSON when `jsonSchema` was given. */
  json: unknown;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** Manifest id or file name of the model that answered. */
  model: string;
  /** `max-tokens` when generation hit `maxTokens`; adapters that cannot tell leave it out. */
  stopReason?: 'end' | 'max-tokens';
  /** Prompt tokens whose evaluation was reused from the previous call (shared prefix). */
  reusedPromptTokens?: number;
  /** Of the completion tokens, those a word-sequence grammar left no choice over (appended, not sampled). */
  forcedTokens?: number;
}

export interface LanguageModel {
  readonly id: string;
  complete(request: CompletionRequest): Promise<Completion>;
}
