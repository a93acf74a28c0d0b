import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../src/core/coreContext';
import { createManualSession } from '../../../src/core/evolution/abSession';
import { recordVote } from '../../../src/core/evolution/abVoting';
import { promptFilePath } from '../../../src/core/evolution/promptFiles';
import { answerSuggestion } from '../../../src/core/suggestions/answerSuggestion';
import type { SuggestionAnswer } from '../../../src/shared/values/suggestionAnswer';
import { openTestCore } from '../../support/openTestCore';
import { namingOutput, seedSuggestion } from '../../support/seedSuggestion';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

type ChooseAnswer = Extract<SuggestionAnswer, { kind: 'choose' }>;

/** A file-naming A/B test (original, A, B) asking about one watched file. */
function setup() {
  const dataDir = newDir();
  const folder = newDir();
  const core = openTestCore(dataDir);
  const { session } = createManualSession(core.ctx, 'file-naming', [
    'Name: {{input}}',
    'Short name for {{input}}',
  ]);
  core.clock.advance(60_000);
  const suggestionOn = (name: string) => {
    writeFileSync(join(folder, name), name);
    return seedSuggestion(core.ctx, {
      skill: 'file-naming',
      path: join(folder, name),
      session: session.id,
      outputs: { original: namingOutput('scan-document.pdf'), A: namingOutput(`acme-${name}`) },
    });
  };
  return { core, ctx: core.ctx, dataDir, session: session.id, suggestionOn };
}

/** Settings where a test decides at its sixth vote, and five votes for A already cast: the next vote
 * for A decides the test and promotes A as version 2. */
function oneVoteFromPromotion(ctx: CoreContext, session: string): CoreContext {
  const decisive = {
    ...ctx,
    config: {
      ...ctx.config,
      ab_testing: {
        ...ctx.config.ab_testing,
        min_votes: 6,
        max_votes: 6,
        check_interval: 1,
        confidence: 0.51,
      },
    },
  };
  for (const key of [1, 2, 3, 4, 5].map((n) => `earlier-vote-${n}`)) {
    const earlier = recordVote(decisive, { session, shown: ['original', 'A'], chosen: 'A', key });
    expect(earlier.decision).toBeNull();
  }
  return decisive;
}

describe('one vote path', () => {
  it('the same key through the vote channel and a suggestion answer records one vote', () => {
    const { ctx, session, suggestionOn } = setup();
    const task = suggestionOn('scan1.pdf');
    const key = 'notification:shared-key-1';
    const voted = recordVote(ctx, { session, task, shown: ['original', 'A'], chosen: 'A', key });
    expect(voted.recorded).toBe(true);
    const answered = answerSuggestion(ctx, task, {
      kind: 'choose',
      shown: ['original', 'A'],
      chosen: 'A',
      key,
    });
    expect(answered.status).toBe('answered');
    expect(ctx.store.sessions.votesOf(session)).toHaveLength(1);
  });

  it('a double-delivered answer records one vote whatever key each delivery carried, either path first', () => {
    const { ctx, session, suggestionOn } = setup();
    const task = suggestionOn('scan2.pdf');
    answerSuggestion(ctx, task, {
      kind: 'choose',
      shown: ['A', 'original'],
      chosen: 'A',
      key: 'popover-key-1',
    });
    const again = recordVote(ctx, {
      session,
      task,
      shown: ['original', 'A'],
      chosen: 'A',
      key: 'other-key-2',
    });
    expect(again.recorded).toBe(false);
    expect(ctx.store.sessions.votesOf(session)).toHaveLength(1);
    // A different answer to the same comparison is refused, not counted.
    expect(() =>
      recordVote(ctx, { session, task, shown: ['original', 'A'], chosen: 'original', key: 'third-key-3' }),
    ).toThrow(/already answered with a different vote/);
    expect(ctx.store.sessions.votesOf(session)).toHaveLength(1);
  });

  it('a Skip leaves the comparison open for one pick; each is recorded once', () => {
    const { ctx, session, suggestionOn } = setup();
    const task = suggestionOn('scan3.pdf');
    const skip: ChooseAnswer = { kind: 'choose', shown: ['original', 'A'], chosen: null, key: 'skip-key-1' };
    answerSuggestion(ctx, task, skip);
    answerSuggestion(ctx, task, { ...skip, key: 'skip-key-2' });
    answerSuggestion(ctx, task, { kind: 'choose', shown: ['original', 'A'], chosen: 'A', key: 'pick-key-1' });
    expect(ctx.store.sessions.votesOf(session).map((v) => v.chosen)).toEqual([null, 'A']);
  });
});

describe('prompt files of promotions', () => {
  it('a vote that promotes writes the new version file once its transaction commits', () => {
    const { ctx, dataDir, session, suggestionOn } = setup();
    const task = suggestionOn('scan4.pdf');
    const outcome = recordVote(oneVoteFromPromotion(ctx, session), {
      session,
      task,
      shown: ['original', 'A'],
      chosen: 'A',
    });
    expect(outcome.promoted?.version).toBe(2);
    expect(existsSync(promptFilePath(dataDir, 'file-naming', 2))).toBe(true);
  });

  it('an answer whose transaction fails after its vote promoted leaves no file for the version that never was', () => {
    const { ctx, dataDir, session, suggestionOn } = setup();
    const task = suggestionOn('scan5.pdf');
    const decisive = oneVoteFromPromotion(ctx, session);
    const pick: ChooseAnswer = { kind: 'choose', shown: ['original', 'A'], chosen: 'A', key: 'pick-key-5' };
    // Injected: another answer wins the race between the (promoting) vote and the suggestion's record.
    const racing: CoreContext = {
      ...decisive,
      store: { ...ctx.store, suggestions: { ...ctx.store.suggestions, markAnswered: () => false } },
    };
    expect(() => answerSuggestion(racing, task, pick)).toThrow(/answered meanwhile/);
    expect(ctx.store.prompts.activeVersion('file-naming').version).toBe(1);
    expect(ctx.store.sessions.votesOf(session)).toHaveLength(5);
    expect(ctx.store.sessions.getSession(session)?.status).toBe('testing');
    expect(existsSync(promptFilePath(dataDir, 'file-naming', 2))).toBe(false);
    // The same answer without the race promotes, and the file is written after the commit.
    expect(answerSuggestion(decisive, task, pick).status).toBe('answered');
    expect(ctx.store.prompts.activeVersion('file-naming').version).toBe(2);
    expect(existsSync(promptFilePath(dataDir, 'file-naming', 2))).toBe(true);
  });

  it('an outer transaction that fails after a promoting vote drops the file write with it', () => {
    const { ctx, dataDir, session, suggestionOn } = setup();
    const task = suggestionOn('scan6.pdf');
    expect(() =>
      ctx.store.write(() => {
        const outcome = recordVote(oneVoteFromPromotion(ctx, session), {
          session,
          task,
          shown: ['original', 'A'],
          chosen: 'A',
        });
        expect(outcome.promoted?.version).toBe(2);
        throw new Error('injected failure after the promotion');
      }),
    ).toThrow(/injected failure/);
    expect(ctx.store.prompts.activeVersion('file-naming').version).toBe(1);
    expect(existsSync(promptFilePath(dataDir, 'file-naming', 2))).toBe(false);
  });
});
