import { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../core/config';
import type { DownloadProgress } from '../core/llm/downloadModel';
import { modelStatus } from '../core/llm/modelStatus';
import { pullModel } from '../core/llm/pullModel';
import { type CliIo, dataDirFor, type GlobalOptions } from './cliRuntime';
import { emit } from './emit';

const MB = 1e6;

/**
 * cli-progress writes to a stream; this one forwards to the injectable terminal. A non-TTY stderr
 * (CI logs, tests) gets a plain line every few seconds instead of redraws.
 */
function progressBar(io: CliIo, label: string): { update(p: DownloadProgress): void; stop(): void } {
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        io.stderr(String(chunk));
        done();
      },
    }),
    { isTTY: process.stderr.isTTY === true, columns: process.stderr.columns ?? 80 },
  );
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% {receivedMb}/{totalMb} MB · {rateMb} MB/s · ETA {etaText}`,
    barsize: 24,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  let started = false;
  return {
    update(p) {
      const payload = {
        receivedMb: (p.received / MB).toFixed(1),
        totalMb: p.total === null ? '?' : (p.total / MB).toFixed(1),
        rateMb: (p.rate / MB).toFixed(1),
        etaText: p.etaSeconds === null ? '—' : `${Math.ceil(p.etaSeconds)}s`,
      };
      if (!started) {
        bar.start(p.total ?? p.received, p.received, payload);
        started = true;
      } else {
        if (p.total !== null) bar.setTotal(p.total);
        bar.update(p.received, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function registerModelCommands(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  const model = program.command('model').description('download and inspect the local language models');
  const override = () => globals().model ?? (io.env.TINYARMS_MODEL || undefined);

  model
    .command('pull [name]')
    .description(
      'download a model from the manifest (default: config model.name), with resume and sha256 check',
    )
    .option('--allow-unverified', 'install a model the manifest has no sha256 for')
    .option('--json', 'print one JSON document (no progress bar)')
    .action(async (name: string | undefined, options: { allowUnverified?: boolean; json?: boolean }) => {
      const dataDir = dataDirFor(globals(), io);
      const id = name ?? override() ?? loadConfig(dataDir).config.model.name;
      const json = options.json ?? globals().json;
      const bar = json ? null : progressBar(io, id);
      try {
        const result = await pullModel({
          dataDir,
          id,
          allowUnverified: options.allowUnverified ?? false,
          endpoint: io.env.HF_ENDPOINT || undefined,
          ...(bar ? { onProgress: (p: DownloadProgress) => bar.update(p) } : {}),
        });
        bar?.stop();
        emit(io, json, result, () => {
          if (result.alreadyInstalled)
            return `${result.model} is already installed and verified: ${result.path}`;
          const check = result.verified
            ? `sha256 ${result.sha256.slice(0, 12)}… verified`
            : 'UNVERIFIED (no pinned sha256)';
          const resumed =
            result.resumedFrom > 0 ? `, resumed at ${(result.resumedFrom / MB).toFixed(1)} MB` : '';
          return `Installed ${result.model} (${(result.bytes / MB).toFixed(1)} MB${resumed}, ${check}): ${result.path}`;
        });
      } finally {
        bar?.stop();
      }
    });

  model
    .command('status')
    .description('which models are installed and which one runs would use')
    .option('--json', 'print one JSON document')
    .action((options: { json?: boolean }) => {
      const dataDir = dataDirFor(globals(), io);
      const status = modelStatus({ config: loadConfig(dataDir).config, dataDir, override: override() });
      emit(io, options.json ?? globals().json, status, () => {
        const { selected } = status;
        const lines = [
          selected.available
            ? `Runs use ${selected.name} (${selected.path}), ${selected.threads} threads.`
            : `Runs would use ${selected.name}: ${selected.problem}`,
          '',
          'model                          role   size      state',
        ];
        for (const m of status.models) {
          const size = m.sizeBytes === null ? '?' : `${(m.sizeBytes / MB).toFixed(0)} MB`;
          const state = m.installed
            ? 'installed'
            : m.partialBytes > 0
              ? `partial (${(m.partialBytes / MB).toFixed(1)} MB; pull resumes)`
              : 'not downloaded';
          const flags = `${m.default ? ' (default)' : ''}${m.pinned ? '' : ' (no pinned sha256)'}`;
          lines.push(`${m.id.padEnd(30)} ${m.role.padEnd(6)} ${size.padEnd(9)} ${state}${flags}`);
        }
        lines.push('', `folder: ${status.modelsDir}`);
        return lines.join('\n');
      });
    });
}
