import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../src/core/coreContext';
import { UserInputError } from '../../../src/core/coreContext';
import { createManualSession } from '../../../src/core/evolution/abSession';
import { promoteVariant } from '../../../src/core/evolution/abVoting';
import { recordFeedback } from '../../../src/core/evolution/feedback';
import { runMonitor } from '../../../src/core/evolution/runMonitor';
import { skillStats } from '../../../src/core/evolution/skillStats';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const input = { originalName: 'scan001.pdf', extension: 'pdf', sizeBytes: 1200, excerpt: 'PRESCRIPTION' };

/** A task as the runner will record it: the input and the active prompt's output. */
function runTask(ctx: CoreContext, filename = 'prescription-robert-king.pdf'): string {
  return ctx.store.write(() => {
    const task = ctx.store.tasks.createTask({ skill: 'file-naming', input, source: 'cli' }, ctx.clock.now());
    const version = ctx.store.prompts.activeVersion('file-naming').version;
    ctx.store.tasks.addRun(
      {
        task: task.id,
        promptVersion: version,
        variant: null,
        arm: 'original',
        output: { filename },
        latencyMs: 5,
        tokens: 20,
        model: 'test',
      },
      ctx.clock.now(),
    );
    return task.id;
  });
}

describe('feedback', () => {
  it('moves accuracy and charges the verdict to the prompt version that produced the output', () => {
    const core = openTestCore(newDir());
    const { ctx } = core;
    for (let i = 0; i < 20; i++) {
      core.clock.advance(60_000);
      recordFeedback(ctx, { task: runTask(ctx), verdict: i < 15 ? 'accepted' : 'rejected' });
    }
    const stats = skillStats(ctx, 'file-naming');
    expect(stats.health).toMatchObject({ accuracy: 0.75, samples: 20, rejected: 5, health: 'dropping' });
    expect(stats.recentFailures).toHaveLength(5);
    const report = runMonitor(ctx);
    expect(report.triggers.find((t) => t.skill === 'file-naming')?.trigger).toBe(true);
    expect(report.triggers.find((t) => t.skill === 'code-linting')?.trigger).toBe(false);
    core.close();
  });

  it('stores a correction as a reference and refuses one that does not fit the skill', () => {
    const core = openTestCore(newDir());
    const task = runTask(core.ctx);
    const { feedback } = recordFeedback(core.ctx, {
      task,
      verdict: 'corrected',
      correction: { filename: 'robert-king-amoxicillin-prescription.pdf' },
    });
    expect(feedback).toMatchObject({
      verdict: 'corrected',
      correction: { filename: 'robert-king-amoxicillin-prescription.pdf' },
    });
    expect(() => recordFeedback(core.ctx, { task, verdict: 'corrected', correction: { name: 'x' } })).toThrow(
      UserInputError,
    );
    expect(core.ctx.store.tasks.feedbackFor(task)?.verdict).toBe('corrected');
    core.close();
  });

  it('rolls a promoted prompt back automatically once a full sample shows it under 70%', () => {
    const core = openTestCore(newDir());
    const { ctx } = core;
    createManualSession(ctx, 'file-naming', ['Worse prompt\n{{input}}']);
    promoteVariant(ctx, 'file-naming', 'A');
    expect(ctx.store.prompts.activeVersion('file-naming').version).toBe(2);
    let rollback = null;
    for (let i = 0; i < 20; i++) {
      core.clock.advance(60_000);
      const verdict = i % 3 === 0 ? 'accepted' : 'rejected';
      rollback = recordFeedback(ctx, { task: runTask(ctx), verdict }).rollback;
      if (i < 19) expect(rollback).toBeNull();
    }
    expect(rollback).toMatchObject({ from: 2, restored: 1, version: 3 });
    expect(ctx.store.prompts.activeVersion('file-naming')).toMatchObject({
      source: 'rollback',
      parentVersion: 1,
    });
    core.close();
  });

  it('leaves a promoted prompt that does well alone', () => {
    const core = openTestCore(newDir());
    const { ctx } = core;
    createManualSession(ctx, 'file-naming', ['Better prompt\n{{input}}']);
    promoteVariant(ctx, 'file-naming', 'A');
    for (let i = 0; i < 25; i++) {
      core.clock.advance(60_000);
      expect(
        recordFeedback(ctx, { task: runTask(ctx), verdict: i % 5 === 0 ? 'rejected' : 'accepted' }).rollback,
      ).toBeNull();
    }
    expect(ctx.store.prompts.activeVersion('file-naming').version).toBe(2);
    core.close();
  });
});
