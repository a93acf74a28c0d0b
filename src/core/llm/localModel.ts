import { basename } from 'node:path';
import type { LlamaCompletion, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { chatPromptText } from './chatPromptText';
import { checkGgufFile, type GgufCheck } from './checkGgufFile';
import { compactJsonGrammar, type JsonGrammar } from './compactJsonGrammar';
import { decodeWordSequence } from './decodeWordSequence';
import type { Completion, CompletionRequest, LanguageModel } from './languageModel';
import { ModelOutputError } from './modelOutputError';
import { type ModelQueue, sharedModelQueue } from './modelQueue';
import { loadNodeLlamaCpp } from './nodeLlamaCpp';
import { sharedLlama } from './sharedLlama';
import { ensureVerified } from './verifiedModel';

/** Schedules the idle unload; injectable so tests fire it by hand instead of waiting. */
export type IdleTimer = (fire: () => void, ms: number) => { cancel(): void };

export interface LocalModelOptions {
  modelPath: string;
  /** Manifest id, or the file name for a local path. */
  id?: string;
  /** Always explicit: with gpu off node-llama-cpp otherwise takes max(4, cores), ~250× slower on 2 cores. */
  threads: number;
  /** Tokens. @default 4096 */
  contextSize?: number;
  /** Unload after this many ms without a call; `null` keeps it loaded. @default null */
  idleUnloadMs?: number | null;
  /** @default false */
  gpu?: boolean;
  /**
   * The published sha256 of a manifest model: a file whose size or modification time changed since
   * it was verified is hashed again before it loads, and refused when it no longer matches.
   */
  sha256?: string | null;
  /** @default the process-wide {@link sharedModelQueue} */
  queue?: ModelQueue;
  /** @default an unref'd `setTimeout` */
  idleTimer?: IdleTimer;
}

export interface LocalModel extends LanguageModel {
  readonly modelPath: string;
  isLoaded(): boolean;
  /** Loads now (checking the GGUF first) instead of on the first call. */
  load(): Promise<GgufCheck>;
  /** Frees the model; the next call loads it again. */
  unload(): Promise<void>;
  dispose(): Promise<void>;
}

const DEFAULT_SYSTEM = 'You are a precise assistant. Answer only with the requested JSON.';

const unrefTimer: IdleTimer = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

interface Loaded {
  check: GgufCheck;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  completion: LlamaCompletion;
}

/**
 * A local GGUF through node-llama-cpp. Loads on first use after {@link checkGgufFile} (a wrong or
 * truncated file is a {@link ModelFileError}, not a native abort), unloads after `idleUnloadMs`,
 * and runs every load, call and unload through one {@link ModelQueue}. All calls share one context
 * sequence, so a prompt that starts like the previous one re-evaluates only the part that differs.
 */
export function createLocalModel(options: LocalModelOptions): LocalModel {
  const id = options.id ?? basename(options.modelPath);
  const queue = options.queue ?? sharedModelQueue;
  const idleTimer = options.idleTimer ?? unrefTimer;
  let loaded: Loaded | null = null;
  let idle: { cancel(): void } | null = null;
  // Grammars belong to the llama binding, not the model: they survive an idle unload.
  const grammars = new Map<string, Promise<JsonGrammar>>();

  const loadNow = async (): Promise<Loaded> => {
    if (loaded) return loaded;
    if (options.sha256) await ensureVerified(options.modelPath, options.sha256, id);
    const check = await checkGgufFile(options.modelPath);
    const llama = await sharedLlama(options.gpu ?? false);
    const { LlamaCompletion } = await loadNodeLlamaCpp();
    const model = await llama.loadModel({ modelPath: options.modelPath });
    try {
      const context = await model.createContext({
        contextSize: options.contextSize ?? 4096,
        threads: options.threads,
      });
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      loaded = { check, model, context, sequence, completion };
      return loaded;
    } catch (error) {
      await model.dispose();
      throw error;
    }
  };

  const unloadNow = async () => {
    idle?.cancel();
    idle = null;
    const current = loaded;
    loaded = null;
    if (!current) return;
    current.completion.dispose();
    await current.context.dispose();
    await current.model.dispose();
  };

  const scheduleIdleUnload = () => {
    idle?.cancel();
    idle = null;
    const ms = options.idleUnloadMs ?? null;
    if (ms !== null) idle = idleTimer(() => void queue.run(unloadNow).catch(() => undefined), ms);
  };

  const grammarFor = (schema: Record<string, unknown>) => {
    const key = JSON.stringify(schema);
    let grammar = grammars.get(key);
    if (!grammar) {
      grammar = sharedLlama(options.gpu ?? false).then((llama) => compactJsonGrammar(llama, schema));
      grammar.catch(() => grammars.delete(key));
      grammars.set(key, grammar);
    }
    return grammar;
  };

  const run = async (request: CompletionRequest): Promise<Completion> => {
    const current = await loadNow();
    const started = performance.now();
    const prompt = await chatPromptText(
      current.model,
      request.system ?? DEFAULT_SYSTEM,
      request.user,
      request.turns ?? [],
    );
    const promptTokens = prompt.tokenize(current.model.tokenizer);
    const reusedPromptTokens = commonPrefixLength(current.sequence.contextTokens, promptTokens);
    const contextSize = current.context.contextSize;
    const answerBudget = request.words ? request.maxTokens * request.words.maxWords : request.maxTokens;
    if (promptTokens.length + answerBudget > contextSize) {
      // node-llama-cpp would silently drop the start of the prompt (the instructions) to make room.
      throw new ModelOutputError(
        id,
        'context-overflow',
        '',
        `the prompt (${promptTokens.length} tokens) plus its answer (${answerBudget} tokens) exceeds the ${contextSize}-token context; shorten the input or raise model.context_size`,
      );
    }
    const sampling = {
      temperature: request.temperature ?? 0,
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.signal ? { signal: request.signal } : {}),
    };
    if (request.words) {
      const decoded = await decodeWordSequence({
        llama: await sharedLlama(options.gpu ?? false),
        model: current.model,
        sequence: current.sequence,
        promptTokens,
        words: request.words,
        maxTokensPerWord: request.maxTokens,
        modelId: id,
        temperature: sampling.temperature,
        seed: request.seed,
        signal: request.signal,
      });
      return {
        text: decoded.text,
        json: undefined,
        promptTokens: promptTokens.length,
        completionTokens: decoded.completionTokens,
        forcedTokens: decoded.forcedTokens,
        latencyMs: performance.now() - started,
        model: id,
        stopReason: 'end',
        reusedPromptTokens,
      };
    }
    const grammar = request.jsonSchema ? await grammarFor(request.jsonSchema) : undefined;
    let generated = 0;
    const { response, metadata } = await current.completion.generateCompletionWithMeta(promptTokens, {
      ...sampling,
      maxTokens: request.maxTokens,
      onToken: (tokens) => {
        generated += tokens.length;
      },
      ...(grammar ? { grammar: grammar.generation } : {}),
    });
    const completion: Completion = {
      text: response,
      json: undefined,
      promptTokens: promptTokens.length,
      completionTokens: generated,
      latencyMs: performance.now() - started,
      model: id,
      stopReason: metadata.stopReason === 'maxTokens' ? 'max-tokens' : 'end',
      reusedPromptTokens,
    };
    if (grammar) completion.json = parseJson(grammar, completion, request.maxTokens);
    return completion;
  };

  const model: LocalModel = {
    id,
    modelPath: options.modelPath,
    isLoaded: () => loaded !== null,
    load: () => queue.run(async () => (await loadNow()).check),
    unload: () => queue.run(unloadNow),
    dispose: () => queue.run(unloadNow),
    complete(request) {
      return queue.run(async () => {
        try {
          return await run(request);
        } finally {
          scheduleIdleUnload();
        }
      });
    },
  };
  return model;
}

function commonPrefixLength(a: readonly Token[], b: readonly Token[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function parseJson(grammar: JsonGrammar, completion: Completion, maxTokens: number): unknown {
  try {
    return grammar.parse(completion.text);
  } catch (error) {
    if (completion.stopReason === 'max-tokens') {
      throw new ModelOutputError(
        completion.model,
        'max-tokens',
        completion.text,
        `the output was cut at the ${maxTokens}-token cap before the JSON was complete; raise maxTokens or ask for shorter fields`,
      );
    }
    const syntax = error instanceof SyntaxError;
    throw new ModelOutputError(
      completion.model,
      syntax ? 'invalid-json' : 'schema',
      completion.text,
      `the output is not ${syntax ? 'valid JSON' : 'valid against the schema'}: ${(error as Error).message}`,
    );
  }
}
