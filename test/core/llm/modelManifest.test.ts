import { describe, expect, it } from 'vitest';
import {
  findModelEntry,
  modelDownloadUrl,
  modelManifest,
  parseModelManifest,
} from '../../../src/core/llm/modelManifest';

const entry = {
  id: 'tiny',
  name: 'Tiny',
  role: 'skill',
  default: true,
  repo: 'someone/tiny-GGUF',
  file: 'tiny.gguf',
  revision: null,
  uri: 'https://huggingface.co/someone/tiny-GGUF/resolve/main/tiny.gguf',
  sizeBytes: 10,
  sha256: 'a'.repeat(64),
};

describe('model manifest', () => {
  it('ships the default 360M model and the 135M test fixture with pinned hashes', () => {
    const defaults = modelManifest.models.filter((m) => m.default);
    expect(defaults.map((m) => m.id)).toEqual(['smollm2-360m-instruct-q4_k_m']);
    expect(findModelEntry('smollm2-135m-instruct')).toMatchObject({
      sizeBytes: 98_362_432,
      sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
      revision: 'ab810cf68114990406fdf996510dd3d3c6adbdf5',
    });
    expect(findModelEntry('smollm2-360m-instruct-q4_k_m')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(findModelEntry('nope')).toBeUndefined();
  });

  it('rejects an unpinned entry that does not say why, duplicate ids and two defaults', () => {
    expect(() => parseModelManifest({ models: [{ ...entry, sha256: null }] })).toThrow(/unverifiedReason/);
    expect(
      parseModelManifest({ models: [{ ...entry, sha256: null, unverifiedReason: 'unpublished' }] }),
    ).toBeTruthy();
    expect(() => parseModelManifest({ models: [entry, { ...entry, default: false }] })).toThrow(/unique/);
    expect(() => parseModelManifest({ models: [entry, { ...entry, id: 'other' }] })).toThrow(/exactly one/);
    expect(() => parseModelManifest({ models: [{ ...entry, file: '../evil.gguf' }] })).toThrow();
  });

  it('swaps the Hugging Face host for an HF_ENDPOINT mirror', () => {
    const parsed = parseModelManifest({ models: [entry] }).models[0];
    if (!parsed) throw new Error('no entry');
    expect(modelDownloadUrl(parsed)).toBe(entry.uri);
    expect(modelDownloadUrl(parsed, 'http://127.0.0.1:8080/')).toBe(
      'http://127.0.0.1:8080/someone/tiny-GGUF/resolve/main/tiny.gguf',
    );
  });
});
