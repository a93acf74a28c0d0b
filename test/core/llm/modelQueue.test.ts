import { describe, expect, it } from 'vitest';
import { createModelQueue } from '../../../src/core/llm/modelQueue';

describe('createModelQueue', () => {
  it('runs tasks one at a time in call order, and a failure does not block the next task', async () => {
    const queue = createModelQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) =>
      queue.run(async () => {
        running++;
        log.push(`start ${name} (${running} running)`);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        log.push(`end ${name}`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([task('load'), task('runner', true), task('judge')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual([
      'start load (1 running)',
      'end load',
      'start runner (1 running)',
      'end runner',
      'start judge (1 running)',
      'end judge',
    ]);
  });
});
