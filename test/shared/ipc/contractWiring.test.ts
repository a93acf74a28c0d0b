import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { channelNames, eventNames, subscriberName } from '../../../src/shared/ipc/channelNames';

// Every channel and event of the contract is used at both ends in production code: main answers each
// channel and the renderer calls it; main pushes each event and the renderer subscribes to it. A
// channel nobody calls is dead surface at the trust boundary; an event nobody hears is a feature
// that never reaches the user (issue 10).

interface SourceFile {
  readonly path: string;
  readonly text: string;
}

interface Gap {
  readonly kind: 'channel' | 'event';
  readonly key: string;
  readonly missing: 'producer' | 'consumer';
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const stripComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** `bridge().vote(`, `api.onStateChanged(` (also split over lines): the renderer's way to the preload API. */
const callsApi = (code: string, name: string) =>
  new RegExp(`(?:\\bbridge\\(\\)|\\bapi)\\s*\\.\\s*${name}\\s*\\(`).test(code);

/** A handler keyed by the channel in main's handler table (`vote: (…) =>`, `async vote(…)`). */
const definesHandler = (code: string, key: string) =>
  new RegExp(`^\\s*(?:async\\s+)?${key}\\s*(?::|\\()`, 'm').test(code);

/** `contents.send(eventNames.stateChanged, …)`. */
const sendsEvent = (code: string, key: string) =>
  new RegExp(`\\.send\\(\\s*eventNames\\.${key}\\b`).test(code);

/** The channels and events of the contract that lack a producer or a consumer in `files`. */
function contractGaps(
  files: readonly SourceFile[],
  contract: { channels: readonly string[]; events: readonly string[] } = {
    channels: Object.keys(channelNames),
    events: Object.keys(eventNames),
  },
): Gap[] {
  const code = (folder: string) =>
    files.filter((file) => file.path.startsWith(`${folder}/`)).map((file) => stripComments(file.text));
  const main = code('src/main');
  // Main's handler table is the one typed as the contract's handlers, handed to registerIpc.
  const handlerTables = main.filter(
    (text) => /\bIpcHandlers\b/.test(text) && !/\bfunction registerIpc\b/.test(text),
  );
  const registers = main.some((text) => /\bregisterIpc\s*\(/.test(text));
  const renderer = code('src/renderer');
  const gaps: Gap[] = [];
  for (const key of contract.channels) {
    if (!registers || !handlerTables.some((text) => definesHandler(text, key))) {
      gaps.push({ kind: 'channel', key, missing: 'producer' });
    }
    if (!renderer.some((text) => callsApi(text, key)))
      gaps.push({ kind: 'channel', key, missing: 'consumer' });
  }
  for (const key of contract.events) {
    if (!main.some((text) => sendsEvent(text, key))) gaps.push({ kind: 'event', key, missing: 'producer' });
    const subscriber = subscriberName(key as keyof typeof eventNames);
    if (!renderer.some((text) => callsApi(text, subscriber))) {
      gaps.push({ kind: 'event', key, missing: 'consumer' });
    }
  }
  return gaps;
}

function readSources(folder: string): SourceFile[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return {
        path: relative(repoRoot, absolute).split(sep).join('/'),
        text: readFileSync(absolute, 'utf8'),
      };
    });
}

describe('the IPC contract is wired at both ends', () => {
  it('every channel has a handler in main and a caller in the renderer; every event a sender and a subscriber', () => {
    const sources = [...readSources('src/main'), ...readSources('src/renderer')];
    expect(contractGaps(sources)).toEqual([]);
  });

  describe('the scanner', () => {
    const contract = { channels: ['vote', 'getState'], events: ['stateChanged'] };
    const handlers: SourceFile = {
      path: 'src/main/ipc/ipcHandlers.ts',
      text: 'export function createIpcHandlers(): IpcHandlers {\n  return {\n    getState: () => 1,\n    async vote(request) {},\n  };\n}',
    };
    const composition: SourceFile = {
      path: 'src/main/index.ts',
      text: 'registerIpc({ handlers });\nfor (const c of windows()) c.send(\n  eventNames.stateChanged, snapshot);',
    };
    const renderer: SourceFile = {
      path: 'src/renderer/src/state/store.ts',
      text: 'const api = bridge();\napi.onStateChanged(render);\nvoid bridge()\n  .vote(v);\nawait bridge().getState();',
    };

    it('accepts a contract used at both ends', () => {
      expect(contractGaps([handlers, composition, renderer], contract)).toEqual([]);
    });

    it('reports a channel the renderer never calls, even when a store action has its name', () => {
      const withoutVote = { ...renderer, text: renderer.text.replace('.vote(v)', '.getState()') };
      const storeAction = {
        path: 'src/renderer/src/Popover/Card.tsx',
        text: 'usePopover.getState().vote(v);',
      };
      expect(contractGaps([handlers, composition, withoutVote, storeAction], contract)).toEqual([
        { kind: 'channel', key: 'vote', missing: 'consumer' },
      ]);
    });

    it('reports a channel without a handler, and every channel when nothing registers them', () => {
      const noVote = { ...handlers, text: handlers.text.replace('async vote(request) {},', '') };
      expect(contractGaps([noVote, composition, renderer], contract)).toEqual([
        { kind: 'channel', key: 'vote', missing: 'producer' },
      ]);
      const unregistered = { ...composition, text: composition.text.replace('registerIpc', 'forget') };
      expect(contractGaps([handlers, unregistered, renderer], contract).map((gap) => gap.key)).toEqual([
        'vote',
        'getState',
      ]);
    });

    it('reports an event nobody sends or nobody subscribes to; a commented-out use does not count', () => {
      const silent = {
        ...composition,
        text: `registerIpc({ handlers });\n// c.send(eventNames.stateChanged, s);`,
      };
      const deaf = { ...renderer, text: renderer.text.replace('api.onStateChanged(render);', '') };
      expect(contractGaps([handlers, silent, deaf], contract)).toEqual([
        { kind: 'event', key: 'stateChanged', missing: 'producer' },
        { kind: 'event', key: 'stateChanged', missing: 'consumer' },
      ]);
    });
  });
});
