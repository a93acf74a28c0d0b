import type { Llama } from 'node-llama-cpp';
import { loadNodeLlamaCpp } from './nodeLlamaCpp';

const instances = new Map<boolean, Promise<Llama>>();

/**
 * One llama.cpp binding per process (per GPU setting): loading the native addon is slow and the
 * binding owns the thread pool, so every model shares it.
 */
export function sharedLlama(gpu = false): Promise<Llama> {
  let llama = instances.get(gpu);
  if (!llama) {
    llama = loadNodeLlamaCpp().then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu: gpu ? 'auto' : false, logLevel: LlamaLogLevel.error }),
    );
    llama.catch(() => instances.delete(gpu));
    instances.set(gpu, llama);
  }
  return llama;
}
