import type { Completion, CompletionRequest, LanguageModel } from '../../../src/core/llm/languageModel';
import { scriptedWordAnswer } from '../../support/scriptedWords';

const WORDS = [
  'subject',
  'date',
  'names',
  'type',
  'short',
  'content',
  'places',
  'first',
  'specific',
  'exact',
];

/**
 * A deterministic stand-in for SmolLM2, for tests of the breeder's bookkeeping (resume, cancel,
 * budgets, lettering) that must not take minutes. Skill calls name the file after the words of its
 * content (under the request's word-sequence rules), more of them when the instruction mentions
 * "content" and "subject", so instructions really differ in fitness; mutator calls return a new
 * instruction made from the sampling seed.
 * The real model is exercised in evolveWithModel.test.ts.
 */
export function scriptedModel(
  options: { failAtCall?: number } = {},
): LanguageModel & { calls: number; mutatorCalls: number; requests: CompletionRequest[] } {
  const model = {
    id: 'scripted',
    calls: 0,
    mutatorCalls: 0,
    requests: [] as CompletionRequest[],
    async complete(request: CompletionRequest): Promise<Completion> {
      request.signal?.throwIfAborted();
      model.calls++;
      model.requests.push(request);
      if (options.failAtCall !== undefined && model.calls === options.failAtCall)
        throw new Error('power cut');
      await new Promise((resolve) => setImmediate(resolve));
      let text: string;
      const instruction = (request.turns?.[0]?.user ?? request.user).split('\n\n')[0] ?? '';
      const take = (instruction.includes('content') ? 2 : 0) + (instruction.includes('subject') ? 2 : 0) + 1;
      if (request.words) {
        const content = /content: (.*)/.exec(request.user.split('\n\n').at(-1) ?? '')?.[1] ?? '';
        const words = (content.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length > 2);
        text = scriptedWordAnswer(request.words, [...words, 'notes', 'file', 'name'], take + 2);
      } else if (request.jsonSchema) {
        const lastInput = request.user.split('\n\n').at(-1) ?? '';
        const content = /content: (.*)/.exec(lastInput)?.[1] ?? 'some file';
        const ext = /extension: (\w+)/.exec(lastInput)?.[1] ?? 'txt';
        const words = (content.toLowerCase().match(/[a-z]+/g) ?? ['file']).filter((w) => w.length > 2);
        const stem = [...words.slice(0, take), 'notes', 'file', 'name']
          .join('-')
          .slice(0, 38)
          .replace(/-+$/, '');
        text = JSON.stringify({ filename: `${stem}.${ext}` });
      } else {
        model.mutatorCalls++;
        const seed = request.seed ?? 0;
        const a = WORDS[seed % WORDS.length];
        const b = WORDS[Math.floor(seed / 7) % WORDS.length];
        text = `Rule ${seed % 997}: name the file by its ${a} and ${b}, kebab-case, keep the extension.`;
      }
      return {
        text,
        json: request.jsonSchema && !request.words ? JSON.parse(text) : undefined,
        promptTokens: 10,
        completionTokens: 10,
        latencyMs: 1,
        model: 'scripted',
      };
    },
  };
  return model;
}
