/** A rectangle in screen DIP, as Electron's `Rectangle`. */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Gap kept between the popover and the screen edge, in DIP. @default 8 */
const EDGE_MARGIN = 8;

/**
 * Where the popover's top-left corner goes, in DIP. Centred under the tray icon when the menu bar is
 * at the top (macOS, most Linux panels), above it when the tray sits in the lower half (a Windows
 * taskbar), then kept inside the display's work area. Trays that report no bounds (some Linux panels
 * give zeros) get the top-right corner of the work area, as `menubar` does.
 *
 * @param tray the tray icon's bounds (`Tray.getBounds()`)
 * @param size the popover's size
 * @param workArea the work area of the display nearest the tray icon
 */
export function popoverPosition(tray: Bounds, size: { width: number; height: number }, workArea: Bounds) {
  const right = workArea.x + workArea.width - size.width - EDGE_MARGIN;
  const bottom = workArea.y + workArea.height - size.height - EDGE_MARGIN;
  const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));
  if (tray.width === 0 && tray.height === 0 && tray.x === 0 && tray.y === 0) {
    return { x: Math.round(right), y: Math.round(workArea.y + EDGE_MARGIN) };
  }
  const centreX = tray.x + tray.width / 2 - size.width / 2;
  const trayBelowMiddle = tray.y + tray.height / 2 > workArea.y + workArea.height / 2;
  const y = trayBelowMiddle ? tray.y - size.height : Math.max(tray.y + tray.height, workArea.y);
  return {
    x: Math.round(clamp(centreX, workArea.x + EDGE_MARGIN, right)),
    y: Math.round(clamp(y, workArea.y, bottom)),
  };
}
