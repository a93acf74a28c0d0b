import { describe, expect, it } from 'vitest';
import { claimIntakeLease, LEASE_STALE_MS, releaseIntakeLease } from '../../../src/core/watch/intakeLease';
import { openTestCore } from '../../support/openTestCore';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

describe('the watcher lease', () => {
  it('lets one owner watch; another waits until it goes stale or is released', () => {
    const { ctx, clock, close } = openTestCore(newDir());
    expect(claimIntakeLease(ctx, 'app')).toEqual({ held: true });
    expect(claimIntakeLease(ctx, 'cli')).toEqual({ held: false, holder: 'app' });
    clock.advance(LEASE_STALE_MS - 1000);
    expect(claimIntakeLease(ctx, 'app')).toEqual({ held: true });
    clock.advance(LEASE_STALE_MS - 1000);
    expect(claimIntakeLease(ctx, 'cli')).toEqual({ held: false, holder: 'app' });
    clock.advance(2000);
    expect(claimIntakeLease(ctx, 'cli')).toEqual({ held: true });
    releaseIntakeLease(ctx, 'app');
    expect(claimIntakeLease(ctx, 'app')).toEqual({ held: false, holder: 'cli' });
    releaseIntakeLease(ctx, 'cli');
    expect(claimIntakeLease(ctx, 'app')).toEqual({ held: true });
    close();
  });
});
