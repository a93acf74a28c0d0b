import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliRuntime';
import { runCli } from '../../src/cli/index';
import { runWatch } from '../../src/cli/watchCommand';
import type { WatchNotifier } from '../../src/cli/watchNotifications';
import type { CoreContext } from '../../src/core/coreContext';
import { openCore } from '../../src/core/openCore';
import { scriptedModel } from '../core/breeder/scriptedModel';
import { coreWithSession, seedTask } from '../main/seedPendingChoice';
import { openTestCore, T0 } from '../support/openTestCore';
import { recordingNotifier } from '../support/recordingNotifier';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

function capturedIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {},
  };
  const lines = () => out.join('').split('\n').filter(Boolean);
  return { io, lines, stderr: () => err.join('') };
}

/** `HH:MM` of a local time. */
const hhmm = (at: Date) =>
  `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/**
 * A data folder watching one temp folder, opened on a clock standing at T0 (or the system's);
 * `notifications` as given
 * (quiet hours off unless a test sets them, so the time of day the test runs at does not matter).
 */
function watchedCore(notifications: string[] = ['quiet_hours: null'], clock: 'test' | 'system' = 'test') {
  const dataDir = newDir();
  const inbox = newDir();
  writeFileSync(
    join(dataDir, 'config.yaml'),
    [
      'watchers:',
      `  folders: ['${inbox}']`,
      'notifications:',
      ...notifications.map((line) => `  ${line}`),
      '',
    ].join('\n'),
  );
  return { dataDir, inbox, core: clock === 'test' ? openTestCore(dataDir) : openCore({ dataDir }) };
}

/** `tinyarms watch --notify` in-process on a scripted model, until the returned `stop` is called. */
function startWatch(ctx: CoreContext, notifier: WatchNotifier) {
  const terminal = capturedIo();
  let stop: () => void = () => undefined;
  const until = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const done = runWatch(ctx, terminal.io, {
    model: scriptedModel(),
    once: false,
    notifier,
    until,
    stabilityMs: 50,
  });
  return {
    ...terminal,
    async stop() {
      stop();
      await done;
    },
  };
}

async function untilWatching(watch: { lines(): string[] }) {
  await expect.poll(() => watch.lines().some((line) => line.startsWith('Watching'))).toBe(true);
}

describe('tinyarms watch --notify', () => {
  it('shows a new suggestion with its actions; Rename renames the file and records the feedback', async () => {
    const { inbox, core } = watchedCore();
    const { notifier, shown } = recordingNotifier(true);
    const watch = startWatch(core.ctx, notifier);
    try {
      await untilWatching(watch);
      expect(watch.lines()).toContain(
        'New suggestions and A/B choices are also shown as notifications (limits: notifications in config.yaml).',
      );
      writeFileSync(join(inbox, 'SCAN_0001.txt'), 'Invoice from ACME Corp, 12 July 2025.\n');
      await expect.poll(() => shown.length, { timeout: 15_000 }).toBe(1);
      const [task] = core.ctx.store.suggestions.pending(core.ctx.clock.now()).map((s) => s.task);
      expect(shown[0]?.spec).toMatchObject({
        title: 'Rename SCAN_0001.txt?',
        subtitle: expect.stringContaining(inbox.split('/').at(-1) ?? inbox),
        actions: ['Rename', 'Keep Name'],
        silent: true,
      });
      const proposed = /^→ (\S+)$/.exec(shown[0]?.spec.body ?? '')?.[1];
      expect(proposed).toMatch(/\.txt$/);

      shown[0]?.events.onAction(0);
      await expect.poll(() => readdirSync(inbox)).toEqual([proposed]);
      expect(core.ctx.store.tasks.feedbackFor(task ?? '')?.verdict).toBe('accepted');
      expect(core.ctx.store.suggestions.pending(core.ctx.clock.now())).toEqual([]);
      expect(watch.lines()).toContain(
        `${task}  Renamed SCAN_0001.txt → ${proposed} from the notification. Undo: tinyarms undo ${task}`,
      );
      // Counted against the day's limit, as the app counts its notifications.
      expect(core.ctx.store.suggestions.promptsSince('file-naming', new Date(0))).toBe(1);
      expect(watch.stderr()).toBe('');
    } finally {
      await watch.stop();
      core.close();
    }
  });

  const heldBack = [
    {
      why: 'the daily limit',
      settings: () => ['quiet_hours: null', 'max_per_skill_per_day: 0'],
      line: '(no notification: asked 0 times today about file-naming (limit 0))',
    },
    {
      why: 'quiet hours',
      // An hour either side of the test clock's local time, whatever the machine's time zone.
      settings: () => [
        `quiet_hours: '${hhmm(new Date(T0.getTime() - 3_600_000))}-${hhmm(new Date(T0.getTime() + 3_600_000))}'`,
      ],
      line: `(no notification: quiet hours (${hhmm(new Date(T0.getTime() - 3_600_000))}-${hhmm(new Date(T0.getTime() + 3_600_000))}))`,
    },
  ];

  it.each(heldBack)('$why holds a suggestion back: no notification, the terminal says why', async (c) => {
    const { inbox, core } = watchedCore(c.settings());
    const { notifier, shown } = recordingNotifier(true);
    const watch = startWatch(core.ctx, notifier);
    try {
      await untilWatching(watch);
      writeFileSync(join(inbox, 'SCAN_0002.txt'), 'Minutes of the tennis club committee.\n');
      await expect.poll(() => watch.lines(), { timeout: 15_000 }).toContain(c.line);
      expect(shown).toEqual([]);
      // The suggestion is made all the same and waits for `tinyarms suggestions`.
      expect(core.ctx.store.suggestions.pending(core.ctx.clock.now())).toHaveLength(1);
      expect(readdirSync(inbox)).toEqual(['SCAN_0002.txt']);
    } finally {
      await watch.stop();
      core.close();
    }
  });

  it('without actions, a click prints the command that answers, and that command works', async () => {
    // The system clock: the printed command runs in a second process's core, on the real time.
    const { dataDir, inbox, core } = watchedCore(undefined, 'system');
    const { notifier, shown } = recordingNotifier(false);
    const watch = startWatch(core.ctx, notifier);
    try {
      await untilWatching(watch);
      writeFileSync(join(inbox, 'DOC_0003.txt'), 'Shopping list: milk, eggs, bread.\n');
      await expect.poll(() => shown.length, { timeout: 15_000 }).toBe(1);
      const [task] = core.ctx.store.suggestions.pending(core.ctx.clock.now()).map((s) => s.task);
      expect(shown[0]?.spec.actions).toEqual([]);
      expect(shown[0]?.spec.body).toMatch(/\nClick for the command that answers it\.$/);
      // An action from a platform without buttons is ignored.
      shown[0]?.events.onAction(0);
      expect(readdirSync(inbox)).toEqual(['DOC_0003.txt']);

      shown[0]?.events.onClick();
      const command = `tinyarms feedback ${task} --accept | --reject | --name <new name> | --snooze`;
      expect(watch.lines()).toContain(`${task}  answer with: ${command}`);

      const cli = capturedIo();
      const code = await runCli(['--data-dir', dataDir, 'feedback', task ?? '', '--reject'], cli.io);
      expect(code, cli.stderr()).toBe(0);
      expect(core.ctx.store.tasks.feedbackFor(task ?? '')?.verdict).toBe('rejected');
      expect(readdirSync(inbox)).toEqual(['DOC_0003.txt']);
    } finally {
      await watch.stop();
      core.close();
    }
  });

  it('where clicks are not reported (notify-send), the command is printed as the notification shows', async () => {
    const { inbox, core } = watchedCore();
    const { notifier, shown } = recordingNotifier(false);
    const watch = startWatch(core.ctx, { ...notifier, reportsClicks: false });
    try {
      await untilWatching(watch);
      writeFileSync(join(inbox, 'DOC_0004.txt'), 'Tennis club minutes, June.\n');
      await expect.poll(() => shown.length, { timeout: 15_000 }).toBe(1);
      const [task] = core.ctx.store.suggestions.pending(core.ctx.clock.now()).map((s) => s.task);
      expect(shown[0]?.spec.body).toMatch(/\nThe terminal running tinyarms watch shows how to answer\.$/);
      expect(watch.lines()).toContain(
        `${task}  answer with: tinyarms feedback ${task} --accept | --reject | --name <new name> | --snooze`,
      );
    } finally {
      await watch.stop();
      core.close();
    }
  });

  it('shows a waiting A/B choice; a button records the vote on the core', async () => {
    const { core, session } = coreWithSession(newDir());
    const { config } = core.ctx;
    const ctx = {
      ...core.ctx,
      config: { ...config, notifications: { ...config.notifications, quiet_hours: null } },
    };
    const task = seedTask(ctx, session, {
      original: 'scan.pdf',
      A: 'acme-invoice.pdf',
      B: 'invoice-acme.pdf',
    });
    const { notifier, shown } = recordingNotifier(true);
    const watch = startWatch(ctx, notifier);
    try {
      await expect.poll(() => shown.length).toBe(1);
      expect(shown[0]?.spec.title).toBe('Which File naming result is better?');
      expect(shown[0]?.spec.actions).toHaveLength(3);
      shown[0]?.events.onAction(1);
      await expect.poll(() => core.ctx.store.sessions.votesOf(session)).toHaveLength(1);
      const vote = core.ctx.store.sessions.votesOf(session)[0];
      expect(vote?.task).toBe(task);
      expect(watch.lines().some((line) => line.startsWith(`${task}  Recorded `))).toBe(true);
    } finally {
      await watch.stop();
      core.close();
    }
  });
});
