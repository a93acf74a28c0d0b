import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { CoreRef } from '../../src/core/app/coreRef';
import { dispatchIpc, type IpcHandlers } from '../../src/main/ipc/dispatchIpc';
import { createIpcHandlers, type IpcServices } from '../../src/main/ipc/ipcHandlers';
import { type EventName, eventNames } from '../../src/shared/ipc/channelNames';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Largest request body the bridge reads; the contract's payloads are tiny. */
const MAX_BODY = 1_000_000;

export interface Bridge {
  url: string;
  handlers: IpcHandlers;
  /** Every channel call the page made, in order (for assertions). */
  calls: { channel: string; payload: unknown }[];
  /** Pushes an event to every open page, as main's `webContents.send` does. */
  push(name: EventName, payload: unknown): void;
  /** What main does after a change outside a handler (a watcher's new suggestion): a fresh snapshot. */
  changed(): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new Error('request body too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/**
 * The app's IPC over localhost, for the renderer in headless Chromium: static files from the built
 * renderer, `POST /ipc/<channel>` → `dispatchIpc` on the real handlers and core, and `GET /events`
 * as server-sent events for main's pushes (`stateChanged` after every change).
 */
export async function startBridge(options: {
  core: CoreRef;
  rendererDir: string;
  services?: Omit<IpcServices, 'core' | 'appVersion' | 'onChange'>;
}): Promise<Bridge> {
  const streams = new Set<ServerResponse>();
  const calls: Bridge['calls'] = [];
  const push = (name: string, payload: unknown) => {
    for (const stream of streams) stream.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  const changed = () => {
    void dispatchIpc(handlers, 'state:get', undefined).then((answer) => {
      if (answer.ok) push(eventNames.stateChanged, answer.value);
    });
  };
  const handlers: IpcHandlers = createIpcHandlers({
    ...options.services,
    core: options.core,
    appVersion: '0.1.0',
    onChange: changed,
  });

  const serveFile = async (path: string, response: ServerResponse) => {
    const relative = normalize(decodeURIComponent(path === '/' ? '/index.html' : path)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bridge');
    if (request.method === 'GET' && url.pathname === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
      void readBody(request)
        .then(async (body) => {
          const payload: unknown = body === '' ? undefined : JSON.parse(body);
          calls.push({ channel, payload });
          const answer = await dispatchIpc(handlers, channel, payload);
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        })
        .catch((error: unknown) => {
          response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
        });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/favicon.ico') {
      // The app has no favicon (it never shows a tab); answer so the page logs no 404.
      response.writeHead(204).end();
      return;
    }
    if (request.method === 'GET') {
      void serveFile(url.pathname, response);
      return;
    }
    response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handlers,
    calls,
    push,
    changed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
