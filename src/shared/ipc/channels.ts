import { z } from 'zod';
import { sessionStatuses } from '../values/columnValues';
import {
  type ChannelKey,
  channelNames,
  type EventKey,
  eventNames,
  type SubscriberName,
} from './channelNames';
import { promptDiffSchema, promptHistorySchema } from './historySchemas';
import type { IpcResult } from './ipcResult';
import { setSettingsRequestSchema, setSettingsResponseSchema, settingsSchema } from './settingsSchemas';
import {
  armPosteriorSchema,
  judgeKeyStatusSchema,
  modelStatusSchema,
  sessionStatusSchema,
} from './stateSchemas';
import { stateSnapshotSchema } from './stateSnapshotSchema';
import {
  answerSuggestionRequestSchema,
  answerSuggestionResponseSchema,
  intakeProgressSchema,
  pickPurposeSchema,
  undoRenameResponseSchema,
} from './suggestionSchemas';

/**
 * One IPC channel of the contract: its name and the zod schemas of what the renderer sends and what
 * main answers. Main parses both sides with these schemas (`dispatchIpc`); the preload only borrows
 * the names and types.
 */
export interface Channel<Name extends string, Request extends z.ZodType, Response extends z.ZodType> {
  readonly name: Name;
  readonly request: Request;
  readonly response: Response;
}

/**
 * Declares a channel. `const` keeps the name a literal type so the API derived from the contract has
 * exactly one function per channel, named and typed from here.
 */
export function defineChannel<
  const Name extends string,
  Request extends z.ZodType,
  Response extends z.ZodType,
>(name: Name, schemas: { request: Request; response: Response }): Channel<Name, Request, Response> {
  return { name, request: schemas.request, response: schemas.response };
}

/** One push from main to the windows. */
export interface AppEvent<Name extends string, Payload extends z.ZodType> {
  readonly name: Name;
  readonly payload: Payload;
}

export function defineEvent<const Name extends string, Payload extends z.ZodType>(
  name: Name,
  payload: Payload,
): AppEvent<Name, Payload> {
  return { name, payload };
}

const skill = z.string().min(1).max(64);
const version = z.int().min(1).max(1_000_000);
const arm = z.string().min(1).max(32);
const skillRequest = z.strictObject({ skill });

/** Every channel, keyed by the name of the function the preload exposes on `window.tinyarms`. */
export const channels = {
  /** The popover's whole state; afterwards main pushes `stateChanged`. */
  getState: defineChannel(channelNames.getState, { request: z.undefined(), response: stateSnapshotSchema }),
  /**
   * Records one comparison. `key` makes a retry safe (same key, same vote: recorded once);
   * `chosen: null` is Skip.
   */
  vote: defineChannel(channelNames.vote, {
    request: z.strictObject({
      session: z.string().min(1).max(64),
      task: z.string().min(1).max(64).nullable(),
      shown: z.array(arm).min(2).max(3),
      chosen: arm.nullable(),
      key: z.string().min(8).max(128),
    }),
    response: z.object({
      recorded: z.boolean(),
      votes: z.int().min(0),
      maxVotes: z.int().min(0),
      status: sessionStatusSchema,
      decision: z.object({ winner: z.string().nullable(), reason: z.string(), rule: z.string() }).nullable(),
      promotedVersion: version.nullable(),
      arms: z.array(armPosteriorSchema),
      summary: z.string(),
    }),
  }),
  getHistory: defineChannel(channelNames.getHistory, {
    request: skillRequest,
    response: promptHistorySchema,
  }),
  /** Line diff of two prompt versions of one skill, `from` → `to`. */
  getPromptDiff: defineChannel(channelNames.getPromptDiff, {
    request: z.strictObject({ skill, from: version, to: version }),
    response: promptDiffSchema,
  }),
  /** Makes a variant (letter or id) of the skill's open or latest session the active prompt. */
  promote: defineChannel(channelNames.promote, {
    request: z.strictObject({ skill, variant: z.string().min(1).max(64) }),
    response: z.object({ skill: z.string(), version, session: z.string() }),
  }),
  /** Restores `toVersion` (default: the previous one) as a new `rollback` version. */
  rollback: defineChannel(channelNames.rollback, {
    request: z.strictObject({ skill, toVersion: version.optional() }),
    response: z.object({ skill: z.string(), from: version, restored: version, version }),
  }),
  /** Starts breeding variants for a skill; progress arrives as `evolutionProgress`. */
  startEvolution: defineChannel(channelNames.startEvolution, {
    request: skillRequest,
    response: z.object({ session: z.string() }),
  }),
  /** Stops the breeding run in progress (its session ends `cancelled`); `cancelled: false` when none runs. */
  cancelEvolution: defineChannel(channelNames.cancelEvolution, {
    request: z.undefined(),
    response: z.object({ cancelled: z.boolean() }),
  }),
  /** Pauses (or resumes) every automatic evolution; saved in config.yaml as `evolution.paused`. */
  pauseAllEvolution: defineChannel(channelNames.pauseAllEvolution, {
    request: z.strictObject({ paused: z.boolean() }),
    response: z.object({ paused: z.boolean() }),
  }),
  getSettings: defineChannel(channelNames.getSettings, { request: z.undefined(), response: settingsSchema }),
  setSettings: defineChannel(channelNames.setSettings, {
    request: setSettingsRequestSchema,
    response: setSettingsResponseSchema,
  }),
  /** Writes the defaults (the file keeps only comments); answers the settings now in force. */
  resetSettings: defineChannel(channelNames.resetSettings, {
    request: z.undefined(),
    response: settingsSchema,
  }),
  getModelStatus: defineChannel(channelNames.getModelStatus, {
    request: z.undefined(),
    response: modelStatusSchema,
  }),
  /** Starts (or resumes) downloading a model, default the configured one; progress as events. */
  downloadModel: defineChannel(channelNames.downloadModel, {
    request: z.strictObject({ model: z.string().min(1).max(256).optional() }),
    response: z.object({ model: z.string(), started: z.boolean() }),
  }),
  /** Stops the running download; what arrived stays for a resume. `cancelled: false` when none ran. */
  cancelModelDownload: defineChannel(channelNames.cancelModelDownload, {
    request: z.undefined(),
    response: z.object({ cancelled: z.boolean() }),
  }),
  /** Whether the cloud judge's API key is stored, and where; the key itself never leaves main. */
  getJudgeKey: defineChannel(channelNames.getJudgeKey, {
    request: z.undefined(),
    response: judgeKeyStatusSchema,
  }),
  /** Stores the cloud judge's API key in the OS keychain (`null` removes it); never in config.yaml. */
  setJudgeKey: defineChannel(channelNames.setJudgeKey, {
    request: z.strictObject({
      key: z
        .string()
        .trim()
        .min(8, 'an API key is at least 8 characters')
        .max(512, 'an API key is at most 512 characters')
        .regex(/^[\x21-\x7e]+$/, 'an API key is printable ASCII without spaces')
        .nullable(),
    }),
    response: judgeKeyStatusSchema,
  }),
  /**
   * Answers a watcher's suggestion: rename (accept/edit), reject, keep some actions, pick in an A/B
   * comparison, or "Not now". Renames never overwrite: a taken name gets a numeric suffix.
   */
  answerSuggestion: defineChannel(channelNames.answerSuggestion, {
    request: answerSuggestionRequestSchema,
    response: answerSuggestionResponseSchema,
  }),
  /** Gives a renamed file its old name back (within 24 h); the rename then counts as rejected. */
  undoRename: defineChannel(channelNames.undoRename, {
    request: z.strictObject({ task: z.string().min(1).max(64) }),
    response: undoRenameResponseSchema,
  }),
  /** Opens the system folder/file picker (main's dialog); `path: null` when the user cancelled. */
  pickPath: defineChannel(channelNames.pickPath, {
    request: z.strictObject({ purpose: pickPurposeSchema }),
    response: z.object({ path: z.string().nullable() }),
  }),
  /** Opens (or focuses) the preferences window; windows are main's business, not the page's. */
  openPreferences: defineChannel(channelNames.openPreferences, {
    request: z.undefined(),
    response: z.object({ opened: z.boolean() }),
  }),
} as const satisfies { readonly [K in ChannelKey]: Channel<(typeof channelNames)[K], z.ZodType, z.ZodType> };

/** Every event main pushes, keyed like the preload's `onX` subscribers (without the `on`). */
export const events = {
  stateChanged: defineEvent(eventNames.stateChanged, stateSnapshotSchema),
  modelDownloadProgress: defineEvent(
    eventNames.modelDownloadProgress,
    z.object({
      model: z.string(),
      received: z.int().min(0),
      total: z.int().min(0).nullable(),
      /** Bytes per second, averaged; `null` before the first measurement. */
      rate: z.number().min(0).nullable(),
      etaSeconds: z.number().min(0).nullable(),
    }),
  ),
  evolutionProgress: defineEvent(
    eventNames.evolutionProgress,
    z.object({
      skill: z.string(),
      session: z.string(),
      phase: z.enum(sessionStatuses),
      /** Work done and planned, in the breeder's units (generations, evaluations). */
      done: z.int().min(0),
      total: z.int().min(0),
      /** The whole run, 0–1. */
      fraction: z.number().min(0).max(1),
      /** From the time so far and `fraction`; `null` until there is enough to go on. */
      etaSeconds: z.number().min(0).nullable(),
      message: z.string().nullable(),
      /** Why a due run is not moving ("on battery", "Mac in use"); `null` while it breeds. */
      waitingFor: z.string().nullable(),
    }),
  ),
  /** The watcher queue after every file it takes or finishes (also in each state snapshot). */
  intakeProgress: defineEvent(eventNames.intakeProgress, intakeProgressSchema),
} as const satisfies { readonly [K in EventKey]: AppEvent<(typeof eventNames)[K], z.ZodType> };

export type Channels = typeof channels;
export type Events = typeof events;
export type { ChannelKey, ChannelName, EventKey, EventName } from './channelNames';
export type RequestOf<K extends ChannelKey> = z.input<Channels[K]['request']>;
export type ResponseOf<K extends ChannelKey> = z.output<Channels[K]['response']>;
export type EventPayloadOf<K extends EventKey> = z.output<Events[K]['payload']>;

/** Arguments of a channel's function: none when the request is `undefined`. */
export type ArgsOf<K extends ChannelKey> = [RequestOf<K>] extends [undefined] ? [] : [request: RequestOf<K>];

/**
 * The API the preload exposes as `window.tinyarms`: one async function per channel answering the
 * result envelope, and one `onX(listener)` per event returning its unsubscribe function.
 */
export type TinyArmsApi = {
  readonly [K in ChannelKey]: (...args: ArgsOf<K>) => Promise<IpcResult<ResponseOf<K>>>;
} & {
  readonly [K in EventKey as SubscriberName<K>]: (
    listener: (payload: EventPayloadOf<K>) => void,
  ) => () => void;
};
