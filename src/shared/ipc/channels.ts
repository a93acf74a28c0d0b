import { z } from 'zod';

/**
 * One IPC channel of the contract: its name and the zod schemas of what the renderer sends and what
 * main answers. Main parses both sides with these schemas; the preload only borrows the types.
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

/** Every channel, keyed by the name of the function the preload exposes on `window.tinyarms`. */
export const channels = {
  appVersion: defineChannel('app:version', {
    request: z.undefined(),
    response: z.object({ version: z.string().min(1) }),
  }),
} as const;

export type Channels = typeof channels;
export type ChannelKey = keyof Channels;
export type ChannelName = Channels[ChannelKey]['name'];
export type RequestOf<K extends ChannelKey> = z.input<Channels[K]['request']>;
export type ResponseOf<K extends ChannelKey> = z.output<Channels[K]['response']>;

/** The API the preload exposes as `window.tinyarms`: one async function per channel. */
export type TinyArmsApi = {
  readonly [K in ChannelKey]: (
    ...args: RequestOf<K> extends undefined ? [] : [request: RequestOf<K>]
  ) => Promise<ResponseOf<K>>;
};
