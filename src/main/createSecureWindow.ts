import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The only web preferences any tinyArms window gets. The page talks to main through the preload's
 * `window.tinyarms` and nothing else, so everything that would hand it Node or a way around the
 * contract is off. Frozen so no caller can loosen it by mutation.
 */
export const secureWebPreferences = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  // A page cannot spam modal dialogs, and typed text is not sent to a spell-check service.
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences);

/** Window options a caller may choose; web preferences are not among them. */
export type SecureWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  /** Absolute path of the built preload script (`out/preload/index.cjs`). */
  readonly preload: string;
};

/**
 * Creates a hidden window with {@link secureWebPreferences}; the caller shows it once content is ready.
 * Every tinyArms window is made here. The constructor is a parameter so tests read the options the
 * app really passes, without the Electron binary.
 */
export function createSecureWindow<W>(
  Window: new (options: BrowserWindowConstructorOptions) => W,
  { preload, ...options }: SecureWindowOptions,
): W {
  return new Window({ show: false, ...options, webPreferences: { ...secureWebPreferences, preload } });
}
