import { eventNames } from '../shared/ipc/channelNames';
import type { IpcResult } from '../shared/ipc/ipcResult';
import type { StateSnapshot } from '../shared/ipc/stateSnapshotSchema';

/** A window's `webContents`, as far as pushing goes. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface StatePublisher {
  /** Computes a snapshot and pushes it to every window and listener. Calls during a push coalesce
   * into one more push afterwards, so a burst of changes costs two snapshots, not one each. */
  publish(): Promise<void>;
  /** The last snapshot pushed, or null before the first. */
  latest(): StateSnapshot | null;
}

/**
 * Main owns the state: after any change it computes one snapshot through the contract (so it is
 * schema-checked like any answer) and pushes it as `state:changed` to every open window, and to the
 * main-side listeners (tray icon, notifications).
 */
export function createStatePublisher(options: {
  snapshot(): Promise<IpcResult<StateSnapshot>>;
  targets(): readonly EventTarget[];
  listeners: readonly ((snapshot: StateSnapshot) => void)[];
  onError?(message: string): void;
}): StatePublisher {
  let latest: StateSnapshot | null = null;
  let inFlight: Promise<void> | null = null;
  let again = false;

  const pushOnce = async () => {
    const result = await options.snapshot();
    if (!result.ok) {
      options.onError?.(result.error.message);
      return;
    }
    latest = result.value;
    for (const target of options.targets()) {
      if (!target.isDestroyed()) target.send(eventNames.stateChanged, result.value);
    }
    for (const listener of options.listeners) {
      try {
        listener(result.value);
      } catch (error) {
        options.onError?.(error instanceof Error ? error.message : String(error));
      }
    }
  };

  const publisher: StatePublisher = {
    async publish() {
      if (inFlight !== null) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        do {
          again = false;
          await pushOnce();
        } while (again);
      })();
      try {
        await inFlight;
      } finally {
        inFlight = null;
      }
    },
    latest: () => latest,
  };
  return publisher;
}
