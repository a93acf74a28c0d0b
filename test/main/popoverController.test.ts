import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock';
import { createPopoverController, type PopoverWindowPort } from '../../src/main/popoverController';
import { type Bounds, popoverPosition } from '../../src/main/popoverPosition';
import { POPOVER_SIZE } from '../../src/main/popoverWindow';

/** A window that records what is done to it and lets the test fire its blur/focus events. */
function fakeWindow() {
  const listeners: Record<string, (() => void)[]> = {};
  const log: string[] = [];
  let visible = false;
  const window: PopoverWindowPort & { fire(event: string): void; log: string[] } = {
    log,
    isVisible: () => visible,
    isDestroyed: () => false,
    getSize: () => [POPOVER_SIZE.width, POPOVER_SIZE.height],
    setPosition: (x, y) => void log.push(`position ${x},${y}`),
    show: () => {
      visible = true;
      log.push('show');
    },
    hide: () => {
      visible = false;
      log.push('hide');
    },
    focus: () => void log.push('focus'),
    on: (event: string, listener: () => void) => {
      listeners[event] = [...(listeners[event] ?? []), listener];
      return window;
    },
    fire: (event) => {
      for (const listener of listeners[event] ?? []) listener();
    },
  };
  return window;
}

/** Timers the test runs by hand. */
function manualTimers() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    schedule: (run: () => void, ms: number) => {
      const timer = { run, ms, cancelled: false };
      pending.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    runAll: () => {
      for (const timer of pending.splice(0)) if (!timer.cancelled) timer.run();
    },
    pending,
  };
}

const menuBar: Bounds = { x: 0, y: 25, width: 1440, height: 875 };
const trayIcon: Bounds = { x: 1200, y: 0, width: 24, height: 24 };

function setup() {
  const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
  const timers = manualTimers();
  const windows: ReturnType<typeof fakeWindow>[] = [];
  const popover = createPopoverController({
    createWindow: () => {
      const window = fakeWindow();
      windows.push(window);
      return window;
    },
    trayBounds: () => trayIcon,
    workAreaNear: () => menuBar,
    schedule: timers.schedule,
    clock,
  });
  return { popover, windows, timers, clock };
}

describe('popover position', () => {
  it('centres the popover under a menu-bar icon, just below the menu bar', () => {
    expect(popoverPosition(trayIcon, POPOVER_SIZE, menuBar)).toEqual({ x: 1032, y: 25 });
  });

  it('keeps it on screen for an icon near the right edge', () => {
    const edge = { x: 1410, y: 0, width: 24, height: 24 };
    expect(popoverPosition(edge, POPOVER_SIZE, menuBar).x).toBe(1440 - 360 - 8);
  });

  it('opens above a tray in a bottom taskbar', () => {
    const screen = { x: 0, y: 0, width: 1920, height: 1040 };
    const icon = { x: 1700, y: 1045, width: 24, height: 30 };
    expect(popoverPosition(icon, POPOVER_SIZE, screen).y).toBe(1040 - 520 - 8);
  });

  it('falls back to the top-right corner when the tray reports no bounds', () => {
    expect(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, POPOVER_SIZE, menuBar)).toEqual({
      x: 1440 - 360 - 8,
      y: 33,
    });
  });
});

describe('popover controller', () => {
  it('creates the window on the first click and shows it focused under the icon', () => {
    const { popover, windows } = setup();
    expect(windows).toHaveLength(0);
    popover.toggle(trayIcon);
    expect(windows).toHaveLength(1);
    expect(windows[0]?.log).toEqual(['position 1032,25', 'show', 'focus']);
    expect(popover.isVisible()).toBe(true);
  });

  it('a second click closes it', () => {
    const { popover, windows } = setup();
    popover.toggle(trayIcon);
    popover.toggle(trayIcon);
    expect(windows[0]?.log.at(-1)).toBe('hide');
    expect(popover.isVisible()).toBe(false);
  });

  it('hides after a short delay when it loses focus, unless focus comes back first', () => {
    const { popover, windows, timers } = setup();
    popover.show();
    const window = windows[0];
    window?.fire('blur');
    window?.fire('focus');
    timers.runAll();
    expect(popover.isVisible()).toBe(true);

    window?.fire('blur');
    expect(popover.isVisible()).toBe(true);
    expect(timers.pending.at(-1)?.ms).toBe(100);
    timers.runAll();
    expect(popover.isVisible()).toBe(false);
  });

  it('does not reopen when the click on the icon is what made it lose focus', () => {
    const { popover, windows, timers, clock } = setup();
    popover.show();
    windows[0]?.fire('blur');
    timers.runAll();
    expect(popover.isVisible()).toBe(false);
    clock.advance(120);
    popover.toggle(trayIcon);
    expect(popover.isVisible()).toBe(false);
    clock.advance(1000);
    popover.toggle(trayIcon);
    expect(popover.isVisible()).toBe(true);
  });

  it('reuses one window: it is created once however often it is shown', () => {
    const { popover, windows } = setup();
    popover.show();
    popover.hide();
    popover.show();
    expect(windows).toHaveLength(1);
  });
});
