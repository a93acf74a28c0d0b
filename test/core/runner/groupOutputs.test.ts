import { describe, expect, it } from 'vitest';
import { canonicalJson, groupOutputs } from '../../../src/core/runner/groupOutputs';

describe('groupOutputs', () => {
  it('shows equal outputs once with all their arms, whatever their key order, in first-seen order', () => {
    const groups = groupOutputs([
      { arm: 'B', output: { a: 1, b: [1, { x: 1, y: 2 }] }, valid: true },
      { arm: 'original', output: { a: 2 }, valid: false },
      { arm: 'A', output: { b: [1, { y: 2, x: 1 }], a: 1 }, valid: true },
    ]);
    expect(groups).toEqual([
      { arms: ['B', 'A'], output: { a: 1, b: [1, { x: 1, y: 2 }] }, valid: true },
      { arms: ['original'], output: { a: 2 }, valid: false },
    ]);
  });

  it('keeps array order significant', () => {
    expect(canonicalJson(['a', 'b'])).not.toBe(canonicalJson(['b', 'a']));
    expect(canonicalJson({ z: null, a: 'x' })).toBe('{"a":"x","z":null}');
  });
});
