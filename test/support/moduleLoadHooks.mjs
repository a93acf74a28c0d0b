// Module loader hooks (run in node's loader thread) that append every URL the process resolves to
// the file named by `initialize`'s data. Registered by moduleLoadRecorder.mjs through `--import`.
import { appendFileSync } from 'node:fs';

let log = '';

export function initialize(path) {
  log = path;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}
