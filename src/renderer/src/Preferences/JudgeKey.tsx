import { useEffect, useId, useState } from 'react';
import { channels } from '../../../shared/ipc/channels';
import type { JudgeKeyStatus } from '../../../shared/ipc/stateSchemas';
import { bridge, describeError } from '../state/bridge';

/**
 * The cloud judge's API key: typed into a password field, handed to main, which keeps it in the OS
 * keychain (safeStorage). The page never reads a stored key back; it only learns whether one is there.
 */
export function JudgeKey() {
  const [status, setStatus] = useState<JudgeKeyStatus | null>(null);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  useEffect(() => {
    void bridge()
      .getJudgeKey()
      .then((answer) => (answer.ok ? setStatus(answer.value) : setError(describeError(answer.error))));
  }, []);

  const save = async (value: string | null) => {
    // The contract's own rule, checked here so the message can say what is wrong with the key.
    const checked = channels.setJudgeKey.request.safeParse({ key: value });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'This is not an API key.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await bridge().setJudgeKey({ key: value });
      if (!answer.ok) {
        setError(describeError(answer.error));
        return;
      }
      setStatus(answer.value);
      setKey('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="judge-key" data-testid="judge-key">
      <label htmlFor={inputId}>Cloud judge API key</label>
      <form
        className="judge-key-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim() !== '') void save(key);
        }}
      >
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={status?.stored ? '•••••••• (stored)' : 'sk-…'}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          disabled={busy}
        />
        <button type="submit" className="btn primary" disabled={busy || key.trim() === ''}>
          {status?.stored ? 'Replace Key' : 'Save Key'}
        </button>
        {status?.stored ? (
          <button type="button" className="btn" onClick={() => void save(null)} disabled={busy}>
            Remove
          </button>
        ) : null}
      </form>
      <p className="small muted" role="status">
        {status === null
          ? ' '
          : status.stored
            ? `A key is stored in ${status.where}. It is sent only to the cloud judge's address, when the judge tier is cloud.`
            : `No key stored. It would be kept in ${status.where}, never in config.yaml.`}
      </p>
      {error ? (
        <p className="small bad" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
