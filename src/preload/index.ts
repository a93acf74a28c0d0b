import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  type ChannelKey,
  channelNames,
  type EventKey,
  eventNames,
  subscriberName,
} from '../shared/ipc/channelNames';
import type { ArgsOf, EventPayloadOf, TinyArmsApi } from '../shared/ipc/channels';

/**
 * Exactly the contract as `window.tinyarms`: one function per channel that forwards only the
 * caller's request, one `onX` per event that hands the listener only the payload. The page never
 * holds `ipcRenderer`, an IPC event object or a channel it was not given. Only names and types come
 * from the contract (zod stays out of the sandboxed preload); main parses every request.
 */
function invoker<K extends ChannelKey>(key: K): TinyArmsApi[K] {
  const name = channelNames[key];
  return ((...args: ArgsOf<K>) => ipcRenderer.invoke(name, args[0])) as unknown as TinyArmsApi[K];
}

function subscriber<K extends EventKey>(key: K) {
  const name = eventNames[key];
  return (listener: (payload: EventPayloadOf<K>) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, payload: EventPayloadOf<K>) => listener(payload);
    ipcRenderer.on(name, forward);
    return () => {
      ipcRenderer.removeListener(name, forward);
    };
  };
}

const channelKeys = Object.keys(channelNames) as ChannelKey[];
const eventKeys = Object.keys(eventNames) as EventKey[];

const api = Object.freeze(
  Object.fromEntries([
    ...channelKeys.map((key) => [key, invoker(key)] as const),
    ...eventKeys.map((key) => [subscriberName(key), subscriber(key)] as const),
  ]),
) as TinyArmsApi;

contextBridge.exposeInMainWorld('tinyarms', api);
