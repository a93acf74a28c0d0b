import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme } from 'electron';

/** Pages are served from `app://tinyarms/…`, never `file://`: a file URL would make every local file
 * same-origin with the page. https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tinyarms';
/** Scheme and host of our pages; `URL.origin` is `"null"` for custom schemes, so compare this instead. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The privileges `protocol.registerSchemesAsPrivileged` must get before `ready`: `standard` for
 * relative URLs and a real origin, `secure` so the page is a secure context, fetch for module scripts.
 * Nothing that would loosen the page (`bypassCSP`, service workers, CORS) is granted.
 */
export const appScheme: CustomScheme = Object.freeze({
  scheme: APP_SCHEME,
  privileges: Object.freeze({ standard: true, secure: true, supportFetchAPI: true, codeCache: true }),
});

/** Sent on every page as a header as well as the `<meta>`: `frame-ancestors` only works as a header. */
export const APP_CSP_HEADER = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file under `root` an `app://tinyarms/…` URL names, or null for anything else (other host,
 * a path that climbs out of `root`, a directory without a page). Pure: no file is touched. */
export function resolveAppUrl(url: string, root: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = join(root, path === '/' ? 'index.html' : path);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

/**
 * The `protocol.handle('app', …)` handler: serves the built renderer from `root` (`out/renderer`),
 * read-only, GET only, with the content type taken from the extension (`nosniff`) and the CSP header.
 * Symlinks that lead out of `root` are refused too. Electron-free, so it is tested on real files.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppUrl(request.url, root);
    if (file === null) return new Response(null, { status: 404 });
    try {
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]).catch(
        (error: NodeJS.ErrnoException) => {
          // Missing file: 404 below. Anything else (a packaged app's asar paths) keeps the lexical
          // check resolveAppUrl already made.
          if (error.code === 'ENOENT') throw error;
          return [root, file];
        },
      );
      if (!realFile.startsWith(realRoot + sep)) return new Response(null, { status: 404 });
      const body = await readFile(realFile);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'content-type': contentTypes[extname(realFile).toLowerCase()] ?? 'application/octet-stream',
          'content-security-policy': APP_CSP_HEADER,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
}
