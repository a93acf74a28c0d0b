/**
 * The port every model user (skill runner, breeder, judge) talks to. The node-llama-cpp adapter
 * implements it for local GGUFs; an OpenAI-compatible adapter implements it for the cloud judge.
 */
export interface CompletionRequest {
  /** System message; the adapter applies the model's chat template. */
  system?: string;
  /** The user message: for skills, the rendered prompt template with the task input in it. */
  user: string;
  /**
   * JSON Schema the output must follow (generation is grammar-constrained, the text parsed and
   * checked). A text that is not such JSON rejects with `ModelOutputError`.
   */
  jsonSchema?: Record<string, unknown>;
  /** Generation cap in tokens. */
  maxTokens: number;
  /** @default 0 (greedy, deterministic) */
  temperature?: number;
  /** Sampling seed when temperature > 0. */
  seed?: number;
  signal?: AbortSignal;
}

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
}

export interface LanguageModel {
  readonly id: string;
  complete(request: CompletionRequest): Promise<Completion>;
}
