import type { Completion, CompletionRequest, LanguageModel } from '../../../src/core/llm/languageModel';

/** The whole prompt a request shows the model: its turns and its last message. */
export function promptText(request: CompletionRequest): string {
  return [...(request.turns ?? []).flatMap((t) => [t.user, t.assistant]), request.user].join('\n');
}

/**
 * A stand-in model for the runner's bookkeeping tests (the real model is exercised in
 * `skillsOnModel.test.ts`): answers with the first scripted output whose marker occurs in the prompt.
 * A word-sequence request (file naming) gets the scripted `filename` for the proposal and the
 * scripted `alternatives` for the requests that exclude first words, as the real adapter's text.
 */
export function scriptedModel(script: readonly { marker: string; output: unknown }[]): LanguageModel & {
  calls: CompletionRequest[];
  /** The calls that produced a proposal (not an alternative name). */
  proposals(): CompletionRequest[];
} {
  const calls: CompletionRequest[] = [];
  return {
    id: 'scripted',
    calls,
    proposals: () => calls.filter((c) => (c.words?.notFirst ?? []).length === 0),
    async complete(request): Promise<Completion> {
      calls.push(request);
      const hit = script.find((s) => promptText(request).includes(s.marker));
      if (!hit) throw new Error(`scripted model: no output for prompt ${request.user.slice(0, 60)}`);
      let text = JSON.stringify(hit.output);
      if (request.words) {
        const scripted = hit.output as { filename?: string; alternatives?: string[] };
        const index = (request.words.notFirst ?? []).length;
        const name = (index === 0 ? scripted.filename : scripted.alternatives?.[index - 1]) ?? '';
        const stem = name.replace(/\.[^.]*$/, '');
        text = `${request.words.prefix}${stem}${request.words.suffix}`;
      }
      return {
        text,
        json: request.words ? undefined : hit.output,
        promptTokens: request.user.length,
        completionTokens: text.length,
        latencyMs: 7,
        model: 'scripted',
      };
    },
  };
}
