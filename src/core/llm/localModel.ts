import { basename } from 'node:path';
import {
  getLlama,
  type Llama,
  LlamaCompletion,
  type LlamaContext,
  LlamaLogLevel,
  type LlamaModel,
} from 'node-llama-cpp';
import type { Completion, CompletionRequest, LanguageModel } from './languageModel';

export interface LocalModelOptions {
  modelPath: string;
  /** Manifest id, or the file name for a local path. */
  id?: string;
  /** Always explicit: with gpu off node-llama-cpp otherwise takes max(4, cores), ~250× slower on 2 cores. */
  threads: number;
  /** @default 4096 */
  contextSize?: number;
}

const DEFAULT_SYSTEM = 'You are a precise assistant. Answer only with the requested JSON.';

/**
 * SmolLM2 speaks ChatML. Building the text ourselves keeps the prompt exactly what the skill wrote
 * (a chat session would add its own default system prompt) and lets identical prefixes be reused.
 */
function chatMl(system: string, user: string): string {
  return `<|im_start|>system\n${system}<|im_end|>\n<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n`;
}

/**
 * A local GGUF through node-llama-cpp, loaded on first use. Calls run one at a time on one context
 * sequence, so consecutive prompts that share a prefix reuse its evaluation.
 * SEED IMPLEMENTATION: the model-layer work replaces the internals (header check, idle unload,
 * manifest, prefix measurement) behind the same {@link LanguageModel} port.
 */
export function createLocalModel(options: LocalModelOptions): LanguageModel & { dispose(): Promise<void> } {
  const id = options.id ?? basename(options.modelPath);
  let loaded: Promise<{
    llama: Llama;
    model: LlamaModel;
    context: LlamaContext;
    completion: LlamaCompletion;
  }> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const load = () => {
    loaded ??= (async () => {
      const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error });
      const model = await llama.loadModel({ modelPath: options.modelPath });
      const context = await model.createContext({
        contextSize: options.contextSize ?? 4096,
        threads: options.threads,
      });
      return {
        llama,
        model,
        context,
        completion: new LlamaCompletion({ contextSequence: context.getSequence() }),
      };
    })();
    return loaded;
  };

  const run = async (request: CompletionRequest): Promise<Completion> => {
    const { llama, model, completion } = await load();
    const started = performance.now();
    const text = chatMl(request.system ?? DEFAULT_SYSTEM, request.user);
    const grammar = request.jsonSchema
      ? await llama.createGrammarForJsonSchema(
          request.jsonSchema as Parameters<Llama['createGrammarForJsonSchema']>[0],
        )
      : undefined;
    const response = await completion.generateCompletion(text, {
      maxTokens: request.maxTokens,
      temperature: request.temperature ?? 0,
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(grammar ? { grammar } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return {
      text: response,
      json: grammar ? grammar.parse(response) : undefined,
      promptTokens: model.tokenize(text, true).length,
      completionTokens: model.tokenize(response).length,
      latencyMs: performance.now() - started,
      model: id,
    };
  };

  return {
    id,
    complete(request) {
      const next = queue.then(() => run(request));
      queue = next.catch(() => undefined);
      return next;
    },
    async dispose() {
      const current = await loaded;
      loaded = null;
      await current?.context.dispose();
      await current?.model.dispose();
    },
  };
}
