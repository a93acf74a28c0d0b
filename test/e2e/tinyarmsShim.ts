import { channelNames, eventNames } from '../../src/shared/ipc/channelNames';

/**
 * Runs in the page before its scripts (Playwright `addInitScript`; CSP does not apply to it): a
 * `window.tinyarms` with the preload's exact shape that forwards each call to the test bridge
 * (`POST /ipc/<channel>`) and each subscription to its event stream (`GET /events`). Plain JS in a
 * string because the test tsconfig has no DOM types.
 */
const shimSource = `(names) => {
  let source = null;
  const post = async (channel, request) => {
    const response = await fetch('/ipc/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request === undefined ? '' : JSON.stringify(request),
    });
    return response.json();
  };
  const api = {};
  for (const [key, channel] of Object.entries(names.channels)) {
    api[key] = (request) => post(channel, request);
  }
  for (const [key, event] of Object.entries(names.events)) {
    api['on' + key.charAt(0).toUpperCase() + key.slice(1)] = (listener) => {
      source = source || new EventSource('/events');
      const forward = (message) => listener(JSON.parse(message.data));
      source.addEventListener(event, forward);
      return () => source.removeEventListener(event, forward);
    };
  }
  Object.defineProperty(window, 'tinyarms', { value: Object.freeze(api), enumerable: true });
}`;

/** The init script for `page.addInitScript({ content })`. */
export const tinyarmsShim = `(${shimSource})(${JSON.stringify({ channels: channelNames, events: eventNames })});`;
