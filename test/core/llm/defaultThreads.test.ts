import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultThreads, MAX_DEFAULT_THREADS, physicalCoreCount } from '../../../src/core/llm/defaultThreads';

describe('defaultThreads', () => {
  it('uses the configured count when there is one', () => {
    expect(defaultThreads(7)).toBe(7);
  });

  it('defaults to the physical cores, never more than the logical ones nor 4', () => {
    const physical = physicalCoreCount();
    expect(physical).toBeGreaterThanOrEqual(1);
    expect(physical).toBeLessThanOrEqual(availableParallelism());
    expect(defaultThreads(null)).toBe(Math.min(MAX_DEFAULT_THREADS, physical));
    expect(physicalCoreCount('win32')).toBe(availableParallelism());
  });
});
