import { describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../../src/main/ipc/dispatchIpc';
import { createIpcHandlers } from '../../../src/main/ipc/ipcHandlers';
import { seedScenario } from '../../e2e/seedScenario';
import { openTestCore, T0 } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';
import { namesCliSyntax, userInputSamples } from '../../support/userInputSamples';

const newDir = makeTempDataDirs();

function setup() {
  const opened = openTestCore(newDir());
  const scenario = seedScenario(opened.ctx, opened.clock, T0);
  const core = { ctx: opened.ctx, configError: opened.configError };
  const handlers = createIpcHandlers({ core, appVersion: '0.1.0-test', onChange: () => {} });
  return {
    opened,
    scenario,
    handlers,
    call: (channel: string, payload?: unknown) => dispatchIpc(handlers, channel, payload),
  };
}

describe('core refusals as the popover reads them', () => {
  it.each(Object.entries(userInputSamples))(
    '%s: carries its code and names no CLI flag',
    async (code, error) => {
      const { opened, handlers } = setup();
      const answer = await dispatchIpc(
        {
          ...handlers,
          getState: () => {
            throw error;
          },
        },
        'state:get',
        undefined,
      );
      expect(answer).toMatchObject({ ok: false, error: { code: 'user-input', reason: code } });
      if (answer.ok) throw new Error('expected a refusal');
      expect(answer.error.message).not.toMatch(namesCliSyntax);
      expect(answer.error.message).not.toBe('');
      opened.close();
    },
  );

  it('words the vote, session and suggestion refusals of the real core for the page', async () => {
    const { opened, scenario, call } = setup();
    const task = scenario.pendingTasks[0] as string;
    const vote = (over: Record<string, unknown>) =>
      call('choice:vote', { session: scenario.session, task, chosen: 'A', key: 'key-0001-abcdef', ...over });

    const twice = await vote({ shown: ['A', 'A'] });
    expect(twice).toMatchObject({
      ok: false,
      error: { reason: 'duplicate-arm', message: 'this comparison shows an answer twice (A, A)' },
    });
    const gone = await vote({ session: 's-00000000', shown: ['original', 'A'] });
    expect(gone).toMatchObject({
      ok: false,
      error: { reason: 'no-session', message: 'this A/B test no longer exists' },
    });
    const unknownTask = await call('suggestion:answer', { task: 't-missing', answer: { kind: 'accept' } });
    expect(unknownTask).toMatchObject({
      ok: false,
      error: { reason: 'no-suggestion', message: 'this suggestion is no longer available' },
    });

    opened.ctx.store.write(() =>
      opened.ctx.store.sessions.closeSession(
        scenario.session,
        { event: 'cancel', winner: null, rule: null, reason: 'test', promotedVersion: null },
        opened.clock.now(),
      ),
    );
    const closed = await vote({ shown: ['original', 'A'], key: 'key-0002-abcdef' });
    expect(closed).toMatchObject({
      ok: false,
      error: { reason: 'session-closed', message: 'this A/B test is cancelled; the vote was not counted' },
    });
    for (const answer of [twice, gone, unknownTask, closed]) {
      if (answer.ok) throw new Error('expected a refusal');
      expect(answer.error.message).not.toMatch(namesCliSyntax);
    }
    opened.close();
  });
});
