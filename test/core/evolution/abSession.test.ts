import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/core/clock';
import { UserInputError } from '../../../src/core/coreContext';
import { createManualSession, sessionResults } from '../../../src/core/evolution/abSession';
import { applyDueDecisions, promoteVariant, recordVote } from '../../../src/core/evolution/abVoting';
import { rollback } from '../../../src/core/evolution/promotion';
import { promptFilePath } from '../../../src/core/evolution/promptFiles';
import { promptHistory } from '../../../src/core/evolution/promptHistory';
import { seededRng } from '../../../src/core/rng';
import { nextComparison } from '../../../src/core/runner/nextComparison';
import { luceChoice } from '../../support/luceChoice';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const variants = ['Variant A\n{{input}}', 'Variant B\n{{input}}', 'Variant C\n{{input}}'];

/** A user who prefers C. */
const preferences = { original: 0.1, A: 0.15, B: 0.15, C: 0.6 };

describe('A/B sessions', () => {
  it('stops on its own, promotes the preferred variant and writes its prompt file', () => {
    const dir = newDir();
    const core = openTestCore(dir);
    const { ctx } = core;
    const { session, arms } = createManualSession(ctx, 'file-naming', variants);
    expect(arms).toEqual(['original', 'A', 'B', 'C']);
    const user = seededRng(7);
    let outcome = null;
    for (let i = 0; i < 60 && !outcome?.decision; i++) {
      const next = nextComparison(ctx, 'file-naming');
      if (!next) throw new Error('session closed without a decision');
      core.clock.advance(60_000);
      outcome = recordVote(ctx, {
        session: session.id,
        shown: next.shown,
        chosen: luceChoice(next.shown, preferences, user()),
      });
    }
    expect(outcome?.decision?.winner).toBe('C');
    expect(outcome?.votes).toBeLessThan(50);
    expect(outcome?.session.status).toBe('completed');
    const active = ctx.store.prompts.activeVersion('file-naming');
    expect(active).toMatchObject({
      version: 2,
      source: 'manual',
      session: session.id,
      template: variants[2],
    });
    expect(readFileSync(promptFilePath(dir, 'file-naming', 2), 'utf8')).toContain('Variant C');
    expect(nextComparison(ctx, 'file-naming')).toBeNull();
    expect(() => recordVote(ctx, { session: session.id, shown: ['original', 'C'], chosen: 'C' })).toThrow(
      /completed; it takes no more votes/,
    );
    const history = promptHistory(ctx, 'file-naming');
    expect(history.versions.map((v) => v.source)).toEqual(['initial', 'manual']);
    expect(history.versions[1]?.promotedBy?.votes).toBe(outcome?.votes);
    core.close();
  });

  it('counts a retried vote once and refuses a key reused for another vote', () => {
    const core = openTestCore(newDir());
    const { session } = createManualSession(core.ctx, 'audio-actions', variants.slice(0, 2));
    const first = recordVote(core.ctx, {
      session: session.id,
      shown: ['original', 'A'],
      chosen: 'A',
      key: 'k1',
    });
    const retry = recordVote(core.ctx, {
      session: session.id,
      shown: ['original', 'A'],
      chosen: 'A',
      key: 'k1',
    });
    expect(first.recorded).toBe(true);
    expect(retry.recorded).toBe(false);
    expect(retry.votes).toBe(1);
    expect(() =>
      recordVote(core.ctx, { session: session.id, shown: ['original', 'A'], chosen: 'original', key: 'k1' }),
    ).toThrow(/already used for a different vote/);
    core.close();
  });

  it('rejects bad arms without storing anything', () => {
    const core = openTestCore(newDir());
    const { session } = createManualSession(core.ctx, 'file-naming', variants.slice(0, 2));
    const bad = [
      { shown: ['original', 'Z'], chosen: 'Z' },
      { shown: ['original', 'A'], chosen: 'B' },
      { shown: ['A', 'A'], chosen: 'A' },
      { shown: ['A'], chosen: 'A' },
    ];
    for (const vote of bad) {
      expect(() => recordVote(core.ctx, { session: session.id, ...vote })).toThrow(UserInputError);
    }
    expect(core.ctx.store.sessions.votesOf(session.id)).toHaveLength(0);
    core.close();
  });

  it('skips are stored but are not votes', () => {
    const core = openTestCore(newDir());
    const { session } = createManualSession(core.ctx, 'file-naming', variants.slice(0, 1));
    const skipped = recordVote(core.ctx, { session: session.id, shown: ['original', 'A'], chosen: null });
    expect(skipped.votes).toBe(0);
    expect(core.ctx.store.sessions.votesOf(session.id)).toHaveLength(1);
    expect(sessionResults(core.ctx, session.id).arms.every((arm) => arm.wins === 0 && arm.losses === 0)).toBe(
      true,
    );
    core.close();
  });

  it('allows one open session per skill', () => {
    const core = openTestCore(newDir());
    createManualSession(core.ctx, 'file-naming', variants.slice(0, 1));
    expect(() => createManualSession(core.ctx, 'file-naming', variants.slice(0, 1))).toThrow(
      /already has an open session/,
    );
    core.close();
  });

  it('closes a session after the maximum duration and keeps the original without enough votes', () => {
    const core = openTestCore(newDir());
    const { session } = createManualSession(core.ctx, 'markdown-analysis', variants.slice(0, 2));
    recordVote(core.ctx, { session: session.id, shown: ['original', 'A'], chosen: 'A' });
    core.clock.advance(6 * DAY_MS);
    expect(applyDueDecisions(core.ctx)).toHaveLength(0);
    core.clock.advance(DAY_MS);
    const [closed] = applyDueDecisions(core.ctx);
    expect(closed?.decision.winner).toBeNull();
    expect(closed?.session.status).toBe('completed');
    expect(core.ctx.store.prompts.activeVersion('markdown-analysis').version).toBe(1);
    core.close();
  });

  it('promotes by hand, rolls back to the previous version, and keeps history append-only', () => {
    const dir = newDir();
    const core = openTestCore(dir);
    createManualSession(core.ctx, 'file-naming', variants);
    core.clock.advance(60_000);
    const promoted = promoteVariant(core.ctx, 'file-naming', 'b');
    expect(promoted.version).toMatchObject({ version: 2, source: 'manual', template: variants[1] });
    expect(promoted.session).toMatchObject({ status: 'completed', winner: 'B', decisionRule: 'manual' });
    core.clock.advance(60_000);
    const back = rollback(core.ctx, 'file-naming');
    expect(back).toMatchObject({ from: 2, restored: 1 });
    const active = core.ctx.store.prompts.activeVersion('file-naming');
    expect(active).toMatchObject({ version: 3, source: 'rollback', parentVersion: 1 });
    expect(active.template).toBe(core.ctx.store.prompts.getVersion('file-naming', 1)?.template);
    expect(existsSync(promptFilePath(dir, 'file-naming', 3))).toBe(true);
    expect(() => rollback(core.ctx, 'file-naming', { toVersion: 3 })).toThrow(/already the active prompt/);
    expect(() => rollback(core.ctx, 'file-naming', { toVersion: 9 })).toThrow(/no prompt version 9/);
    core.close();
  });

  it('has nothing to roll back to on a fresh skill', () => {
    const core = openTestCore(newDir());
    expect(() => rollback(core.ctx, 'code-linting')).toThrow(/no earlier prompt version/);
    core.close();
  });
});
