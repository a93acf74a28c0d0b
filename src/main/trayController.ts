import type { Bounds } from './popoverPosition';

/** The tray icon's two looks: idle, and a dot when a choice waits for the user. */
export type TrayIconVariant = 'idle' | 'pending';

/** Asset file of each variant; macOS recolours `*Template.png` for light and dark menu bars and
 * picks the `@2x` file beside it on Retina screens (scripts/make-icons.mjs draws them). */
export const trayIconFiles: Readonly<Record<TrayIconVariant, string>> = Object.freeze({
  idle: 'trayTemplate.png',
  pending: 'trayPendingTemplate.png',
});

/** What the controller needs of Electron's `Tray`; `Image` is `NativeImage` in the app. */
export interface TrayPort<Image> {
  setImage(image: Image): void;
  setToolTip(toolTip: string): void;
}

/** A context-menu entry, as plain data; the adapter turns it into an Electron `Menu`. */
export type TrayMenuItem =
  | { readonly kind: 'action'; readonly id: TrayMenuAction; readonly label: string }
  | {
      readonly kind: 'toggle';
      readonly id: TrayMenuAction;
      readonly label: string;
      readonly checked: boolean;
    }
  | { readonly kind: 'separator' };
export type TrayMenuAction = 'open' | 'preferences' | 'openAtLogin' | 'quit';

/**
 * The right-click menu. Left click toggles the popover, so this is never set as the tray's default
 * menu: on macOS that would take the left click too. "Open at Login" reads and writes the OS login
 * item itself, so the checkbox can never disagree with System Settings.
 */
export function trayMenu(state: { openAtLogin: boolean }): TrayMenuItem[] {
  return [
    { kind: 'action', id: 'open', label: 'Open tinyArms' },
    { kind: 'action', id: 'preferences', label: 'Preferences…' },
    { kind: 'separator' },
    { kind: 'toggle', id: 'openAtLogin', label: 'Open at Login', checked: state.openAtLogin },
    { kind: 'separator' },
    { kind: 'action', id: 'quit', label: 'Quit tinyArms' },
  ];
}

/** The OS login item (Electron's `app.get/setLoginItemSettings`), as a port. */
export interface LoginItemPort {
  openAtLogin(): boolean;
  setOpenAtLogin(open: boolean): void;
}

export interface TrayController {
  /** Left click (or double click) on the icon, with the bounds Electron reports. */
  click(bounds?: Bounds): void;
  /** The context menu as it should show now. */
  menuItems(): TrayMenuItem[];
  /** A context-menu entry was chosen. */
  menu(action: TrayMenuAction): void;
  /** Reflects how many A/B choices wait: icon variant and tooltip. Idempotent. */
  showPending(count: number): void;
  /** The variant currently shown. */
  variant(): TrayIconVariant;
}

/** The tooltip for a number of waiting choices. */
export function trayToolTip(pending: number): string {
  if (pending <= 0) return 'tinyArms';
  return `tinyArms: ${pending === 1 ? 'a choice is' : `${pending} choices are`} waiting for you`;
}

/**
 * The tray icon's behaviour: click toggles the popover; the context menu opens it or the preferences,
 * switches start-at-login, or quits; the icon takes its "pending" look while a choice waits.
 */
export function createTrayController<Image>(options: {
  tray: TrayPort<Image>;
  icons: Readonly<Record<TrayIconVariant, Image>>;
  togglePopover(bounds?: Bounds): void;
  showPopover(): void;
  openPreferences(): void;
  loginItem: LoginItemPort;
  quit(): void;
}): TrayController {
  let shown: TrayIconVariant = 'idle';
  let tooltip = trayToolTip(0);
  options.tray.setImage(options.icons.idle);
  options.tray.setToolTip(tooltip);
  return {
    click: (bounds) => options.togglePopover(bounds),
    menuItems: () => trayMenu({ openAtLogin: options.loginItem.openAtLogin() }),
    menu(action) {
      switch (action) {
        case 'open':
          return options.showPopover();
        case 'preferences':
          return options.openPreferences();
        case 'openAtLogin':
          return options.loginItem.setOpenAtLogin(!options.loginItem.openAtLogin());
        case 'quit':
          return options.quit();
        default:
          return action satisfies never;
      }
    },
    showPending(count) {
      const next: TrayIconVariant = count > 0 ? 'pending' : 'idle';
      if (next !== shown) {
        options.tray.setImage(options.icons[next]);
        shown = next;
      }
      const nextTooltip = trayToolTip(count);
      if (nextTooltip !== tooltip) {
        options.tray.setToolTip(nextTooltip);
        tooltip = nextTooltip;
      }
    },
    variant: () => shown,
  };
}
