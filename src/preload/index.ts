import { contextBridge, ipcRenderer } from 'electron';
import type { ChannelKey, Channels, TinyArmsApi } from '../shared/ipc/channels';

/**
 * One function per channel that forwards only the caller's arguments, so the page never holds
 * `ipcRenderer`, an event object or a channel it was not given. Only types come from the contract:
 * a sandboxed preload cannot load zod, and main does the parsing anyway.
 */
function invoker<K extends ChannelKey>(name: Channels[K]['name']): TinyArmsApi[K] {
  return ((...args: unknown[]) => ipcRenderer.invoke(name, ...args)) as TinyArmsApi[K];
}

const api: TinyArmsApi = {
  appVersion: invoker<'appVersion'>('app:version'),
};

contextBridge.exposeInMainWorld('tinyarms', api);
