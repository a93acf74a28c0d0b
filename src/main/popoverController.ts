import type { Clock } from '../core/clock';
import { type Bounds, popoverPosition } from './popoverPosition';

/** What the controller needs of the popover `BrowserWindow`. */
export interface PopoverWindowPort {
  isVisible(): boolean;
  isDestroyed(): boolean;
  getSize(): number[];
  setPosition(x: number, y: number): void;
  show(): void;
  hide(): void;
  focus(): void;
  on(event: 'blur', listener: () => void): unknown;
  on(event: 'focus', listener: () => void): unknown;
}

/** One-shot timer, injected so tests step time instead of sleeping. Returns a cancel function. */
export type ScheduleTimeout = (run: () => void, ms: number) => () => void;

export interface PopoverControllerOptions {
  /** Creates the window on first use, so the app starts without loading a page nobody looks at yet. */
  createWindow(): PopoverWindowPort;
  /** Current bounds of the tray icon; the click event's bounds are preferred when given. */
  trayBounds(): Bounds;
  /** Work area of the display nearest a point (`screen.getDisplayNearestPoint(p).workArea`). */
  workAreaNear(point: { x: number; y: number }): Bounds;
  schedule: ScheduleTimeout;
  clock: Clock;
  /** Delay between losing focus and hiding, so focus moving to a dialog and back does not flicker. @default 100 */
  hideDelayMs?: number;
  /** A tray click this soon after a blur-hide is the click that caused the blur: it closes, not reopens. @default 300 */
  reopenGuardMs?: number;
}

export interface PopoverController {
  /** The tray click: hides a visible popover, otherwise shows it under the icon. */
  toggle(clickBounds?: Bounds): void;
  show(clickBounds?: Bounds): void;
  hide(): void;
  isVisible(): boolean;
}

/**
 * The menu-bar popover's behaviour, after `menubar`: shown under the tray icon, hidden when it loses
 * focus after a short delay, and a second click on the icon closes it. The click on the icon is also
 * what takes focus away; without the guard a slow click would hide the popover (blur) and then
 * reopen it (click).
 */
export function createPopoverController(options: PopoverControllerOptions): PopoverController {
  const hideDelayMs = options.hideDelayMs ?? 100;
  const reopenGuardMs = options.reopenGuardMs ?? 300;
  let window: PopoverWindowPort | null = null;
  let cancelPendingHide: (() => void) | null = null;
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY;

  const cancelHide = () => {
    cancelPendingHide?.();
    cancelPendingHide = null;
  };

  const liveWindow = (): PopoverWindowPort => {
    if (window !== null && !window.isDestroyed()) return window;
    const created = options.createWindow();
    created.on('blur', () => {
      cancelHide();
      cancelPendingHide = options.schedule(() => {
        cancelPendingHide = null;
        if (created.isDestroyed() || !created.isVisible()) return;
        created.hide();
        hiddenByBlurAt = options.clock.now().getTime();
      }, hideDelayMs);
    });
    created.on('focus', cancelHide);
    window = created;
    return created;
  };

  const visible = () => window !== null && !window.isDestroyed() && window.isVisible();

  const controller: PopoverController = {
    isVisible: visible,
    show(clickBounds) {
      cancelHide();
      const target = liveWindow();
      const tray = clickBounds && clickBounds.width > 0 ? clickBounds : options.trayBounds();
      const [width = 0, height = 0] = target.getSize();
      const centre = { x: Math.round(tray.x + tray.width / 2), y: Math.round(tray.y + tray.height / 2) };
      const { x, y } = popoverPosition(tray, { width, height }, options.workAreaNear(centre));
      target.setPosition(x, y);
      target.show();
      target.focus();
    },
    hide() {
      cancelHide();
      if (visible()) window?.hide();
    },
    toggle(clickBounds) {
      if (visible()) return controller.hide();
      if (options.clock.now().getTime() - hiddenByBlurAt < reopenGuardMs) {
        hiddenByBlurAt = Number.NEGATIVE_INFINITY;
        return;
      }
      controller.show(clickBounds);
    },
  };
  return controller;
}
