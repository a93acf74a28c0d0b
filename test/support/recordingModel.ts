import type { CompletionRequest, LanguageModel } from '../../src/core/llm/languageModel';

/**
 * The real model with every request kept, so a test can assert on the prompt that was built (the
 * demonstrations it carried) instead of on the words a small model happens to write.
 */
export function recordingModel(inner: LanguageModel): LanguageModel & { requests: CompletionRequest[] } {
  const requests: CompletionRequest[] = [];
  return {
    id: inner.id,
    requests,
    complete(request) {
      requests.push(request);
      return inner.complete(request);
    },
  };
}
