import { describe, expect, it } from 'vitest';
import { DAY_MS, fixedClock } from '../../../src/core/clock';
import { accuracyOverWindow } from '../../../src/core/monitor/accuracyOverWindow';
import { feedbackRows, NOW } from './feedbackRows';

describe('accuracyOverWindow', () => {
  it('counts a correction as a failure', () => {
    const tally = accuracyOverWindow(
      [
        { verdict: 'accepted', createdAt: NOW, promptVersion: 1 },
        { verdict: 'corrected', createdAt: NOW, promptVersion: 1 },
        { verdict: 'rejected', createdAt: NOW, promptVersion: 1 },
        { verdict: 'accepted', createdAt: NOW, promptVersion: 1 },
      ],
      { now: NOW, windowDays: 7 },
    );
    expect(tally).toEqual({ accuracy: 0.5, samples: 4, accepted: 2, corrected: 1, rejected: 1 });
  });

  it('has no accuracy without samples', () => {
    expect(accuracyOverWindow([], { now: NOW, windowDays: 7 })).toMatchObject({ accuracy: null, samples: 0 });
  });

  it('includes feedback exactly 7 days old and excludes 1 ms older', () => {
    const clock = fixedClock(NOW);
    const data = [
      ...feedbackRows(1, 0, new Date(NOW.getTime() - 7 * DAY_MS)),
      ...feedbackRows(0, 1, new Date(NOW.getTime() - 7 * DAY_MS - 1)),
    ];
    expect(accuracyOverWindow(data, { now: clock.now(), windowDays: 7 })).toMatchObject({
      samples: 1,
      accepted: 1,
    });
    clock.advance(1);
    expect(accuracyOverWindow(data, { now: clock.now(), windowDays: 7 }).samples).toBe(0);
  });

  it('ignores feedback stamped after now', () => {
    const data = feedbackRows(1, 1, new Date(NOW.getTime() + 1));
    expect(accuracyOverWindow(data, { now: NOW, windowDays: 7 }).samples).toBe(0);
  });

  it('can count only the active prompt version', () => {
    const data = [...feedbackRows(0, 5, NOW, 1), ...feedbackRows(3, 1, NOW, 2)];
    expect(accuracyOverWindow(data, { now: NOW, windowDays: 7, promptVersion: 2 }).accuracy).toBe(0.75);
    expect(accuracyOverWindow(data, { now: NOW, windowDays: 7 }).samples).toBe(9);
  });
});
