import type { Completion, CompletionRequest, LanguageModel } from '../../../src/core/llm/languageModel';

/**
 * A stand-in model for the runner's bookkeeping tests (the real model is exercised in
 * `skillsOnModel.test.ts`): answers with the first scripted output whose marker occurs in the prompt.
 */
export function scriptedModel(script: readonly { marker: string; output: unknown }[]): LanguageModel & {
  calls: CompletionRequest[];
} {
  const calls: CompletionRequest[] = [];
  return {
    id: 'scripted',
    calls,
    async complete(request): Promise<Completion> {
      calls.push(request);
      const hit = script.find((s) => request.user.includes(s.marker));
      if (!hit) throw new Error(`scripted model: no output for prompt ${request.user.slice(0, 60)}`);
      const text = JSON.stringify(hit.output);
      return {
        text,
        json: hit.output,
        promptTokens: request.user.length,
        completionTokens: text.length,
        latencyMs: 7,
        model: 'scripted',
      };
    },
  };
}
