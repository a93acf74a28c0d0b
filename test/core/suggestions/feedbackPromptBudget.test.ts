import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src/core/clock';
import { inQuietHours, mayPromptNow, notePrompt } from '../../../src/core/suggestions/feedbackPromptBudget';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();
const at = (hh: number, mm = 0) => new Date(2026, 2, 2, hh, mm);

describe('inQuietHours', () => {
  it('covers a range that wraps midnight, start inclusive and end exclusive', () => {
    expect(inQuietHours('22:00-08:00', at(23))).toBe(true);
    expect(inQuietHours('22:00-08:00', at(3))).toBe(true);
    expect(inQuietHours('22:00-08:00', at(22, 0))).toBe(true);
    expect(inQuietHours('22:00-08:00', at(8, 0))).toBe(false);
    expect(inQuietHours('22:00-08:00', at(12))).toBe(false);
  });

  it('covers a daytime range and nothing for equal ends', () => {
    expect(inQuietHours('12:30-13:30', at(13))).toBe(true);
    expect(inQuietHours('12:30-13:30', at(14))).toBe(false);
    expect(inQuietHours('09:00-09:00', at(9))).toBe(false);
  });
});

describe('mayPromptNow', () => {
  function core(notifications: Record<string, unknown>) {
    const opened = openTestCore(newDir());
    const ctx = {
      ...opened.ctx,
      config: {
        ...opened.ctx.config,
        notifications: { ...opened.ctx.config.notifications, ...notifications },
      },
    };
    return { ctx, clock: opened.clock };
  }

  it('allows N asks per skill per local day, then holds back until the next day', () => {
    const { ctx, clock } = core({ max_per_skill_per_day: 2, quiet_hours: null });
    notePrompt(ctx, 'file-naming', null);
    expect(mayPromptNow(ctx, 'file-naming').allowed).toBe(true);
    notePrompt(ctx, 'file-naming', null);
    expect(mayPromptNow(ctx, 'file-naming')).toEqual({
      allowed: false,
      reason: 'asked 2 times today about file-naming (limit 2)',
    });
    expect(mayPromptNow(ctx, 'audio-actions').allowed).toBe(true);
    clock.advance(24 * HOUR_MS);
    expect(mayPromptNow(ctx, 'file-naming').allowed).toBe(true);
  });

  it('holds back in quiet hours and when notifications are off', () => {
    const { ctx } = core({ quiet_hours: '00:00-23:59' });
    expect(mayPromptNow(ctx, 'file-naming')).toMatchObject({
      allowed: false,
      reason: 'quiet hours (00:00-23:59)',
    });
    const off = core({ enabled: false, quiet_hours: null });
    expect(mayPromptNow(off.ctx, 'file-naming')).toMatchObject({
      allowed: false,
      reason: 'notifications are off',
    });
  });
});
