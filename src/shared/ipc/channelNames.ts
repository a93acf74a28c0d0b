/**
 * Wire names of every channel and event, without zod: the sandboxed preload imports only this file
 * (and types), so it stays a few hundred bytes and cannot drift from the contract in `channels.ts`,
 * which builds each schema on these same names.
 */
export const channelNames = {
  getState: 'state:get',
  vote: 'choice:vote',
  getHistory: 'skill:history',
  getPromptDiff: 'prompt:diff',
  promote: 'prompt:promote',
  rollback: 'prompt:rollback',
  startEvolution: 'evolution:start',
  cancelEvolution: 'evolution:cancel',
  pauseAllEvolution: 'evolution:pause',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  resetSettings: 'settings:reset',
  getModelStatus: 'model:status',
  downloadModel: 'model:download',
  cancelModelDownload: 'model:cancel-download',
  getJudgeKey: 'judge:key-status',
  setJudgeKey: 'judge:set-key',
  answerSuggestion: 'suggestion:answer',
  undoRename: 'suggestion:undo-rename',
  pickPath: 'dialog:pick-path',
  openPreferences: 'window:open-preferences',
} as const;

/** Pushed by main to every window with `webContents.send`; the page subscribes with `onX`. */
export const eventNames = {
  stateChanged: 'state:changed',
  modelDownloadProgress: 'model:download-progress',
  evolutionProgress: 'evolution:progress',
  intakeProgress: 'intake:progress',
} as const;

export type ChannelKey = keyof typeof channelNames;
export type ChannelName = (typeof channelNames)[ChannelKey];
export type EventKey = keyof typeof eventNames;
export type EventName = (typeof eventNames)[EventKey];

/** `stateChanged` → `onStateChanged`: the preload's subscribe function for an event. */
export type SubscriberName<K extends EventKey> = `on${Capitalize<K>}`;

export function subscriberName<K extends EventKey>(key: K): SubscriberName<K> {
  return `on${key.charAt(0).toUpperCase()}${key.slice(1)}` as SubscriberName<K>;
}
