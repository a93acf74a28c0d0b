import { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createIntakeService } from '../core/app/intakeService';
import { configPath } from '../core/config';
import type { CoreContext } from '../core/coreContext';
import type { LanguageModel } from '../core/llm/languageModel';
import { openLanguageModel } from '../core/llm/openLanguageModel';
import { getSkill } from '../core/skills/skillRegistry';
import type { CreatedSuggestion } from '../core/suggestions/createSuggestion';
import { type WatchSource, watchSources } from '../core/watch/watchSources';
import type { IntakeProgressView } from '../shared/ipc/suggestionSchemas';
import type { CliIo, GlobalOptions } from './cliRuntime';
import { withCore } from './cliRuntime';
import { onInterrupt } from './interrupts';
import { nodeNotifier } from './nodeNotifier';
import { displayPath, pendingSuggestion, proposalLine } from './suggestionsCommand';
import { type WatchNotifier, watchNotifications } from './watchNotifications';

/** What the watch prints besides its lines: the burst's progress, on a terminal only. */
interface ProgressDisplay {
  update(progress: IntakeProgressView): void;
  /** Writes a line without the bar drawn through it. */
  print(write: (text: string) => void, line: string): void;
  stop(): void;
}

/**
 * A cli-progress bar on stderr ("Processing 3/50 [███░░] scan.pdf") while a burst is worked through,
 * cleared when it ends. A piped stderr (logs, tests) gets no bar: the suggestion lines say enough.
 */
function progressDisplay(io: CliIo): ProgressDisplay {
  if (!process.stderr.isTTY) {
    return { update: () => undefined, print: (write, line) => write(`${line}\n`), stop: () => undefined };
  }
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        io.stderr(String(chunk));
        done();
      },
    }),
    { isTTY: true, columns: process.stderr.columns ?? 80 },
  );
  const bar = new SingleBar({
    stream,
    format: 'Processing {value}/{total} [{bar}] {file}',
    barsize: 20,
    hideCursor: true,
    clearOnComplete: true,
  });
  let shown: { total: number; value: number; payload: { file: string } } | null = null;
  const stop = () => {
    if (shown) bar.stop();
    shown = null;
  };
  return {
    update(progress) {
      if (progress.total === 0) return stop();
      // "3/50" while the third file is being worked on, as people count.
      const value = Math.min(progress.total, progress.done + (progress.current === null ? 0 : 1));
      const payload = { file: progress.current ?? '' };
      if (!shown) bar.start(progress.total, value, payload);
      else {
        bar.setTotal(progress.total);
        bar.update(value, payload);
      }
      shown = { total: progress.total, value, payload };
    },
    print(write, line) {
      // The bar returns to the line where it started when it stops (cursor save/restore), so it is
      // stopped (and cleared) before a line goes out and started again below it.
      const was = shown;
      stop();
      write(`${line}\n`);
      if (was) {
        bar.start(was.total, was.value, was.payload);
        shown = was;
      }
    },
    stop,
  };
}

function describeSources(ctx: CoreContext, sources: readonly WatchSource[]): string {
  const where = sources.map((source) => {
    const extensions =
      source.kind === 'folder' && source.extensions ? ` (${source.extensions.join(', ')})` : '';
    return {
      path: `${displayPath(source.path)}${extensions}`,
      what: getSkill(source.skill).presentation.watchYield ?? source.skill,
    };
  });
  const width = Math.max(...where.map((w) => w.path.length));
  const lines = ['Watching (Ctrl-C to stop):', ...where.map((w) => `  ${w.path.padEnd(width)}  ${w.what}`)];
  if (ctx.config.watchers.folders.length === 0) {
    lines.push(
      `No folder of yours is watched for file naming: list them under watchers.folders in ${configPath(ctx.dataDir)}.`,
    );
  }
  return lines.join('\n');
}

/** One line per suggestion: what, about which file, and the command that answers it. */
function suggestionLine(ctx: CoreContext, created: CreatedSuggestion): string {
  const task = created.run.task;
  if (!created.suggestion) {
    const input = ctx.store.tasks.getTask(task)?.input as { originalName?: string } | undefined;
    return `${task}  ${input?.originalName ?? 'the file'} has the proposed name already: nothing to ask`;
  }
  const view = pendingSuggestion(ctx, task);
  const proposal = view ? `  ${proposalLine(view.detail)}` : '';
  return `${task}  ${displayPath(created.suggestion.subject)}${proposal}  · answer with: tinyarms feedback ${task} --accept`;
}

/** What one watch runs with; the command builds it, tests inject a scripted model and a recording notifier. */
export interface WatchRun {
  model: LanguageModel;
  /** `--once`: stop once the first burst of new files has been processed. */
  once: boolean;
  /** `--notify`: desktop notifications for new suggestions and A/B choices; null prints only. */
  notifier: WatchNotifier | null;
  /** Resolves when the watch should end (Ctrl-C). */
  until: Promise<void>;
  /** @default 1000 (see `createIntakeService`) */
  stabilityMs?: number;
}

/** How often `--notify` re-reads what waits, for asks made or answered by another process. */
const NOTIFY_POLL_MS = 30_000;

/** The watch over an open data folder: suggestion lines (and notifications) until `until` or, with `once`, the first burst ends. */
export async function runWatch(ctx: CoreContext, io: CliIo, run: WatchRun): Promise<void> {
  const display = progressDisplay(io);
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  void run.until.then(() => stop());
  const notifications = run.notifier
    ? watchNotifications(ctx, io, run.notifier, (line) => display.print(io.stdout, line))
    : null;
  let busy = false;
  const intake = createIntakeService({
    core: { ctx, configError: null },
    owner: `tinyarms watch (pid ${process.pid})`,
    model: () => run.model,
    ...(run.stabilityMs === undefined ? {} : { stabilityMs: run.stabilityMs }),
    onProgress: (progress) => {
      display.update(progress);
      if (progress.total > 0) busy = true;
      else if (busy && run.once) stop();
    },
    onSuggestion: (created) => {
      display.print(io.stdout, suggestionLine(ctx, created));
      notifications?.refresh();
    },
    onError: (message) => display.print(io.stderr, `warning: ${message}`),
  });
  const poll = notifications ? setInterval(() => notifications.refresh(), NOTIFY_POLL_MS) : null;
  poll?.unref();
  try {
    await intake.sync();
    io.stdout(`${describeSources(ctx, watchSources(ctx.config, ctx.dataDir))}\n`);
    io.stdout(`Suggestions by ${run.model.id}; answers: tinyarms suggestions, tinyarms feedback.\n`);
    if (notifications) {
      io.stdout(
        ctx.config.notifications.enabled
          ? 'New suggestions and A/B choices are also shown as notifications (limits: notifications in config.yaml).\n'
          : `--notify: notifications are off (notifications.enabled in ${configPath(ctx.dataDir)}); nothing will be shown.\n`,
      );
      notifications.refresh();
    }
    await stopped;
  } finally {
    if (poll) clearInterval(poll);
    display.stop();
    await intake.close();
  }
}

export function registerWatchCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('watch')
    .description('watch the folders and files config.yaml lists and suggest from new files (Ctrl-C stops)')
    .option('--once', 'stop once the first burst of new files has been processed')
    .option('--notify', 'also show new suggestions and A/B choices as desktop notifications')
    .action(async (options: { once?: boolean; notify?: boolean }) => {
      const global = globals();
      await withCore(global, io, 'write', async (ctx) => {
        // Resolved before anything is watched: a missing model is said now, with the pull command.
        const model = openLanguageModel({
          config: ctx.config,
          dataDir: ctx.dataDir,
          override: global.model ?? (io.env.TINYARMS_MODEL || undefined),
        });
        // Loaded only with --notify: no other command pays for it. A missing notify-send is said once.
        let warned = false;
        const notifier = options.notify
          ? nodeNotifier((await import('node-notifier')).default, process.platform, (message) => {
              if (!warned) io.stderr(`warning: could not show a notification: ${message}\n`);
              warned = true;
            })
          : null;
        let stop: () => void = () => undefined;
        const until = new Promise<void>((resolve) => {
          stop = resolve;
        });
        // The first Ctrl-C closes cleanly, a second one while closing ends the process.
        const unregister = onInterrupt(stop);
        try {
          await runWatch(ctx, io, { model, once: options.once ?? false, notifier, until });
        } finally {
          unregister();
          notifier?.dispose();
          await model.dispose();
        }
      });
    });
}
