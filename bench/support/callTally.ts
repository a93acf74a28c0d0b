import type { Completion, CompletionRequest, LanguageModel } from '../../src/core/llm/languageModel';

/** What a benchmark's model calls cost, by kind. */
export interface CallKindTally {
  calls: number;
  ms: number;
  promptTokens: number;
  /** Prompt tokens evaluated anew (not reused from the previous call on the sequence). */
  newPromptTokens: number;
  completionTokens: number;
}

/**
 * A model that tallies its calls by kind: `skill` (a skill's output: a word sequence or a JSON
 * schema; fitness and held-out scoring) and `text` (free text: the breeder's mutator).
 */
export function tallyCalls(model: LanguageModel) {
  const tally: Record<'skill' | 'text', CallKindTally> = {
    skill: { calls: 0, ms: 0, promptTokens: 0, newPromptTokens: 0, completionTokens: 0 },
    text: { calls: 0, ms: 0, promptTokens: 0, newPromptTokens: 0, completionTokens: 0 },
  };
  const tallied: LanguageModel = {
    id: model.id,
    async complete(request: CompletionRequest): Promise<Completion> {
      const started = performance.now();
      const completion = await model.complete(request);
      const kind = tally[request.words || request.jsonSchema ? 'skill' : 'text'];
      kind.calls++;
      kind.ms += performance.now() - started;
      kind.promptTokens += completion.promptTokens;
      kind.newPromptTokens += completion.promptTokens - (completion.reusedPromptTokens ?? 0);
      kind.completionTokens += completion.completionTokens;
      return completion;
    },
  };
  /** Per kind: calls, mean ms and tokens per call. */
  const summary = () =>
    Object.fromEntries(
      Object.entries(tally).map(([name, t]) => {
        const per = (x: number) => Math.round((x / Math.max(1, t.calls)) * 10) / 10;
        return [
          name,
          {
            calls: t.calls,
            seconds: Math.round(t.ms / 100) / 10,
            msPerCall: Math.round(t.ms / Math.max(1, t.calls)),
            promptTokensPerCall: per(t.promptTokens),
            newPromptTokensPerCall: per(t.newPromptTokens),
            completionTokensPerCall: per(t.completionTokens),
          },
        ];
      }),
    );
  return { model: tallied, summary };
}
