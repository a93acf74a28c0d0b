import { useEffect, useRef, useState } from 'react';
import type { EventPayloadOf } from '../../../shared/ipc/channels';
import type { IpcResult } from '../../../shared/ipc/ipcResult';
import type { ModelStatus } from '../../../shared/ipc/stateSchemas';
import { bridge, describeError } from '../state/bridge';
import { bytes, duration } from './format';

type Progress = EventPayloadOf<'modelDownloadProgress'>;

function progressLine(received: number, total: number | null, progress: Progress | null): string {
  const parts = [total ? `${bytes(received)} of ${bytes(total)}` : bytes(received)];
  if (progress?.rate) parts.push(`${bytes(progress.rate)}/s`);
  if (progress?.etaSeconds !== null && progress?.etaSeconds !== undefined) {
    parts.push(`about ${duration(progress.etaSeconds)} left`);
  }
  return parts.join(' · ');
}

/**
 * The model the skills run on, and its download: what is missing and how big it is, a progress bar
 * while it downloads (bytes, rate, time left) with Cancel, Resume after a cancel or a quit (the part
 * that arrived is kept), Retry after a failure. The same card on first launch in the popover and in
 * Preferences → Model. Live figures come from main's `modelDownloadProgress` events; the state
 * itself from each snapshot.
 */
export function ModelDownload({ status: given }: { status: ModelStatus }) {
  const [status, setStatus] = useState(given);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Snapshots pushed so far: a status read that a push overtook is stale (a download can fail
  // between the read and its answer), so it must not replace the pushed state.
  const pushes = useRef(0);
  useEffect(() => setStatus(given), [given]);
  useEffect(() => {
    const api = bridge();
    const unsubscribers = [
      api.onModelDownloadProgress((p) => setProgress(p)),
      api.onStateChanged((snapshot) => {
        pushes.current++;
        setStatus(snapshot.model);
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }, []);

  const act = async (call: () => Promise<IpcResult<unknown>>) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await call();
      if (!answer.ok) setError(describeError(answer.error));
      const seen = pushes.current;
      const now = await bridge().getModelStatus();
      if (now.ok && pushes.current === seen) setStatus(now.value);
    } finally {
      setBusy(false);
    }
  };
  const download = () => act(() => bridge().downloadModel({}));
  const cancel = () => act(() => bridge().cancelModelDownload());

  const live = status.state === 'downloading' && progress?.model === status.model ? progress : null;
  let body: React.ReactNode;
  switch (status.state) {
    case 'unavailable':
      body = <p className="small muted">{status.reason}</p>;
      break;
    case 'ready':
      body = (
        <p className="small">
          <span className="mono">{status.model}</span> is {status.loaded ? 'loaded' : 'downloaded and ready'}.
        </p>
      );
      break;
    case 'downloading': {
      const received = live?.received ?? status.received;
      const total = live?.total ?? status.total;
      body = (
        <>
          <p className="small" role="status">
            Downloading <span className="mono">{status.model}</span>…{' '}
            <span className="muted nowrap">{progressLine(received, total, live)}</span>
          </p>
          <span
            className="track"
            role="progressbar"
            aria-label="Model downloaded"
            aria-valuemin={0}
            aria-valuemax={total ?? undefined}
            aria-valuenow={received}
          >
            <span
              className="fill"
              style={{ width: total ? `${((received / total) * 100).toFixed(1)}%` : '0%' }}
            />
          </span>
          <div className="model-actions">
            <button type="button" className="btn" onClick={() => void cancel()} disabled={busy}>
              Cancel
            </button>
          </div>
        </>
      );
      break;
    }
    case 'missing':
    case 'error': {
      const resume = status.partialBytes > 0;
      const size = status.sizeBytes ? ` (${bytes(status.sizeBytes)})` : '';
      body = (
        <>
          {status.state === 'error' ? (
            <p className="small bad">The download failed: {status.message}</p>
          ) : (
            <p className="small">
              The skills need their model, <span className="mono">{status.model}</span>
              {size}. It is downloaded once and runs on this Mac; nothing else leaves it.
            </p>
          )}
          {resume ? (
            <p className="small muted">
              {progressLine(status.partialBytes, status.sizeBytes, null)} arrived before; the download goes on
              from there.
            </p>
          ) : null}
          <div className="model-actions">
            <button type="button" className="btn primary" onClick={() => void download()} disabled={busy}>
              {status.state === 'error' ? 'Retry' : resume ? 'Resume download' : 'Download model'}
            </button>
          </div>
        </>
      );
      break;
    }
    default:
      body = status satisfies never;
  }
  return (
    <section className="model-download" data-testid="model-download" data-state={status.state}>
      {body}
      {error ? (
        <p className="small bad" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
