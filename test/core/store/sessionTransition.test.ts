import { describe, expect, it } from 'vitest';
import { type SessionStatus, sessionStatuses } from '../../../src/core/store/columnValues';
import {
  isOpenStatus,
  nextStatus,
  RefusedTransitionError,
  type SessionEvent,
  sessionEvents,
  transition,
} from '../../../src/core/store/sessionTransition';

type From = SessionStatus | null;

/** Every transition the state machine allows; any other (from, event) pair is refused. */
const allowed: readonly (readonly [From, SessionEvent, SessionStatus])[] = [
  [null, 'breed', 'breeding'],
  [null, 'openTest', 'testing'],
  ['breeding', 'resume', 'breeding'],
  ['screening', 'resume', 'breeding'],
  ['breeding', 'screen', 'screening'],
  ['breeding', 'startTesting', 'testing'],
  ['screening', 'startTesting', 'testing'],
  ['testing', 'decide', 'completed'],
  ['breeding', 'promote', 'completed'],
  ['screening', 'promote', 'completed'],
  ['testing', 'promote', 'completed'],
  ['breeding', 'cancel', 'cancelled'],
  ['screening', 'cancel', 'cancelled'],
  ['testing', 'cancel', 'cancelled'],
  ['breeding', 'fail', 'failed'],
  ['screening', 'fail', 'failed'],
];

const froms: readonly From[] = [null, ...sessionStatuses];
const isAllowed = (from: From, event: SessionEvent) => allowed.some(([f, e]) => f === from && e === event);
const refused = froms.flatMap((from) =>
  sessionEvents.filter((event) => !isAllowed(from, event)).map((event) => [from, event] as const),
);

describe('the evolution session state machine', () => {
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event)).toBe(to);
    expect(nextStatus(from, event)).toBe(to);
  });

  it.each(refused)('refuses %s --%s', (from, event) => {
    expect(nextStatus(from, event)).toBeNull();
    expect(() => transition(from, event)).toThrow(RefusedTransitionError);
  });

  it('covers every (status, event) pair exactly once between the two lists', () => {
    expect(allowed.length + refused.length).toBe(froms.length * sessionEvents.length);
  });

  it('never leaves a closed session', () => {
    for (const from of sessionStatuses.filter((status) => !isOpenStatus(status))) {
      expect(sessionEvents.map((event) => nextStatus(from, event))).toEqual(sessionEvents.map(() => null));
    }
  });

  it('names the status and the event it refused', () => {
    expect(() => transition('completed', 'decide')).toThrow(
      'an evolution session in completed cannot decide',
    );
    expect(() => transition(null, 'cancel')).toThrow('an evolution session not yet stored cannot cancel');
  });
});
