import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  url: string;
  /** The Range header of each request, `null` when absent. */
  ranges: (string | null)[];
  close(): Promise<void>;
}

/**
 * Serves one file over HTTP on 127.0.0.1 the way a CDN does: `Range: bytes=N-` answers 206 with
 * Content-Range, a range past the end 416. `ignoreRange` answers 200 with the whole file;
 * `dropAfterBytes` cuts the connection after that many body bytes of the first response;
 * `throttleFirstMs` pauses that long after each chunk of the first response (so a client can be
 * killed mid-download).
 */
export async function serveFile(
  path: string,
  options: { ignoreRange?: boolean; dropAfterBytes?: number; throttleFirstMs?: number } = {},
): Promise<FileServer> {
  const size = statSync(path).size;
  const ranges: (string | null)[] = [];
  let dropped = false;
  let served = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/missing')) {
      res.writeHead(404).end();
      return;
    }
    const range = req.headers.range ?? null;
    ranges.push(range);
    const start = !options.ignoreRange && range ? Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? 0) : 0;
    if (start >= size && range) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    res.writeHead(start > 0 ? 206 : 200, {
      'Content-Length': String(size - start),
      'Content-Type': 'application/octet-stream',
      ...(start > 0 ? { 'Content-Range': `bytes ${start}-${size - 1}/${size}` } : {}),
    });
    const drop = options.dropAfterBytes !== undefined && !dropped;
    const end = drop ? start + (options.dropAfterBytes ?? 0) - 1 : size - 1;
    dropped ||= drop;
    const stream = createReadStream(path, { start, end });
    const throttle = served++ === 0 ? (options.throttleFirstMs ?? 0) : 0;
    if (throttle > 0) {
      stream.on('data', (chunk) => {
        stream.pause();
        if (!res.write(chunk)) res.once('drain', () => setTimeout(() => stream.resume(), throttle));
        else setTimeout(() => stream.resume(), throttle);
      });
      stream.on('end', () => res.end());
      res.on('close', () => stream.destroy());
      return;
    }
    stream.pipe(res, { end: !drop });
    if (drop) stream.on('end', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
