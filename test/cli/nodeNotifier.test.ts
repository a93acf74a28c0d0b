import type NodeNotifier from 'node-notifier';
import { describe, expect, it } from 'vitest';
import { type NodeNotification, type NotifyCentre, nodeNotifier } from '../../src/cli/nodeNotifier';
import type { NotificationSpec } from '../../src/core/app/choiceNotification';

/** node-notifier's `notify` as a recording double: the options it got and its callbacks to answer. */
function fakeCentre() {
  const calls: { options: NodeNotification; callback?: NodeNotifier.NotificationCallback }[] = [];
  const centre: NotifyCentre = {
    notify(options, callback) {
      calls.push({ options, ...(callback ? { callback } : {}) });
      return centre;
    },
  };
  return { centre, calls };
}

const spec: NotificationSpec = {
  title: 'Rename scan.pdf?',
  subtitle: '~/Downloads',
  body: '→ acme-invoice.pdf',
  actions: ['Rename', 'Keep Name'],
  silent: true,
};

function recorder() {
  const events: string[] = [];
  return {
    events,
    handlers: {
      onAction: (index: number) => events.push(`action ${index}`),
      onClick: () => events.push('click'),
    },
  };
}

describe('the node-notifier adapter', () => {
  it('on macOS draws the actions through terminal-notifier and reports the pressed one', () => {
    const { centre, calls } = fakeCentre();
    const notifier = nodeNotifier(centre, 'darwin');
    const { events, handlers } = recorder();
    expect(notifier.supportsActions).toBe(true);
    notifier.show(spec, handlers);
    expect(calls[0]?.options).toMatchObject({
      title: 'Rename scan.pdf?',
      subtitle: '~/Downloads',
      message: '→ acme-invoice.pdf',
      actions: ['Rename', 'Keep Name'],
      dropdownLabel: 'Answer',
      closeLabel: 'Later',
      sound: false,
      timeout: 900,
    });
    calls[0]?.callback?.(null, 'activate', {
      activationType: 'actionClicked',
      activationValue: 'Keep Name',
      activationValueIndex: '1',
    });
    // A second report of the same notification (node-notifier's timeout) is not an answer.
    calls[0]?.callback?.(null, 'timeout', {});
    expect(events).toEqual(['action 1']);
  });

  it('reports a click on the notification itself, and nothing for a timeout or its close button', () => {
    const { centre, calls } = fakeCentre();
    const notifier = nodeNotifier(centre, 'darwin');
    const { events, handlers } = recorder();
    notifier.show(spec, handlers);
    notifier.show(spec, handlers);
    notifier.show(spec, handlers);
    calls[0]?.callback?.(null, 'activate', { activationType: 'contentsClicked' });
    calls[1]?.callback?.(null, 'timeout', { activationType: 'timeout' });
    calls[2]?.callback?.(null, 'closed', { activationType: 'closed', activationValue: 'Later' });
    expect(events).toEqual(['click']);
  });

  it('closing takes the notification off the screen and ignores what it reports afterwards', () => {
    const { centre, calls } = fakeCentre();
    const notifier = nodeNotifier(centre, 'darwin');
    const { events, handlers } = recorder();
    const shown = notifier.show(spec, handlers);
    const group = calls[0]?.options.group;
    expect(group).toMatch(/^tinyarms-/);
    shown.close();
    expect(calls[1]?.options).toEqual({ remove: group });
    calls[0]?.callback?.(null, 'activate', { activationType: 'contentsClicked' });
    expect(events).toEqual([]);
  });

  it('elsewhere shows no buttons, folds the subtitle into the message and passes failures on', () => {
    const { centre, calls } = fakeCentre();
    const errors: string[] = [];
    const notifier = nodeNotifier(centre, 'linux', (message) => errors.push(message));
    expect(notifier).toMatchObject({ supportsActions: false, reportsClicks: false });
    notifier.show(spec, recorder().handlers);
    expect(calls[0]?.options).toEqual({
      title: 'Rename scan.pdf?',
      message: '~/Downloads\n→ acme-invoice.pdf',
      sound: false,
      wait: false,
    });
    calls[0]?.callback?.(new Error('notify-send must be installed on the system.'), '');
    expect(errors).toEqual(['notify-send must be installed on the system.']);
    expect(nodeNotifier(centre, 'win32')).toMatchObject({ supportsActions: false, reportsClicks: true });
  });

  it('type-checks against the real module, which loads', async () => {
    const real: NotifyCentre = (await import('node-notifier')).default;
    expect(typeof real.notify).toBe('function');
  });
});
