import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { ModelDownload } from '../common/ModelDownload';
import { usePreferencesStore } from '../state/preferencesStore';
import { JudgeKey } from './JudgeKey';
import { SettingInput } from './SettingInput';
import { fieldKey, settingGroups } from './settingFields';

function valueAt(draft: Record<string, unknown>, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], draft);
}

const SAVE_TEXT = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved',
  invalid: 'Fix the highlighted settings to save.',
  failed: 'Not saved.',
} as const;

/** Every setting of config.yaml, grouped; valid edits are saved at once, like a Mac settings window. */
export function Preferences() {
  const { settings, draft, issues, saveState, error, model } = usePreferencesStore(
    useShallow((s) => ({
      settings: s.settings,
      draft: s.draft,
      issues: s.issues,
      saveState: s.saveState,
      error: s.error,
      model: s.model,
    })),
  );
  const { load, edit, setPaused, reset, pickPath } = usePreferencesStore(
    useShallow((s) => ({
      load: s.load,
      edit: s.edit,
      setPaused: s.setPaused,
      reset: s.reset,
      pickPath: s.pickPath,
    })),
  );
  const [groupId, setGroupId] = useState(settingGroups[0]?.id ?? '');
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  const group = settingGroups.find((g) => g.id === groupId) ?? settingGroups[0];
  if (!draft || !settings || !group) return <p className="muted loading">{error ?? 'Loading…'}</p>;
  const paused = valueAt(draft, ['evolution', 'paused']) === true;
  const fieldKeys = new Set(group.fields.map(fieldKey));
  const groupProblems = Object.entries(issues).filter(
    ([key]) =>
      !fieldKeys.has(key) && group.fields.some((f) => key !== '' && fieldKey(f).startsWith(`${key}.`)),
  );
  const invalidGroups = new Set(
    settingGroups
      .filter((g) =>
        g.fields.some((f) => Object.keys(issues).some((k) => k !== '' && fieldKey(f).startsWith(k))),
      )
      .map((g) => g.id),
  );

  return (
    <div className="preferences">
      <nav className="sidebar" aria-label="Settings groups">
        <div role="tablist" aria-orientation="vertical">
          {settingGroups.map((g) => (
            <button
              key={g.id}
              type="button"
              role="tab"
              id={`tab-${g.id}`}
              aria-selected={g.id === group.id}
              aria-controls="settings-panel"
              className={`tab${g.id === group.id ? ' selected' : ''}`}
              onClick={() => setGroupId(g.id)}
            >
              {g.title}
              {invalidGroups.has(g.id) ? (
                <span className="badge">
                  !<span className="sr-only"> has a problem</span>
                </span>
              ) : null}
            </button>
          ))}
        </div>
        <div className="pause">
          <label className="pause-row">
            <input
              type="checkbox"
              role="switch"
              aria-checked={paused}
              className="switch"
              checked={paused}
              onChange={(e) => void setPaused(e.target.checked)}
            />
            <span>Pause all evolution</span>
          </label>
          <p className="small muted">
            {paused
              ? 'No new prompts are bred. Running tests still take votes.'
              : 'Prompts evolve when accuracy drops.'}
          </p>
        </div>
      </nav>
      <main className="panel" id="settings-panel" role="tabpanel" aria-labelledby={`tab-${group.id}`}>
        <header className="panel-head">
          <h1>{group.title}</h1>
          <p className="muted">{group.intro}</p>
        </header>
        {settings.fileProblem ? (
          <p className="banner error" role="alert">
            {settings.fileProblem.message}
          </p>
        ) : null}
        {error ? (
          <p className="banner error" role="alert">
            {error}
          </p>
        ) : null}
        {groupProblems.map(([key, problem]) => (
          <p key={key} className="banner error" role="alert">
            {key} {problem}
          </p>
        ))}
        <div className="fields">
          {group.fields.map((field) => (
            <SettingInput
              key={fieldKey(field)}
              field={field}
              value={valueAt(draft, field.path)}
              problem={issues[fieldKey(field)]}
              onChange={(value, commit) => void edit(field.path, value, commit)}
              pickPath={pickPath}
            />
          ))}
        </div>
        {group.note ? (
          <p className="group-note small muted" data-testid="group-note">
            {group.note}
          </p>
        ) : null}
        {group.id === 'judge' ? <JudgeKey /> : null}
        {group.id === 'model' && model ? (
          <div className="model-status">
            <ModelDownload status={model} />
          </div>
        ) : null}
        <footer className="panel-foot">
          <span className="small muted ellipsis" title={settings.path}>
            {settings.path}
          </span>
          <span className="spacer" />
          <span className={`small save-state ${saveState}`} role="status" data-testid="save-state">
            {SAVE_TEXT[saveState]}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() =>
              setConfirm({
                title: 'Reset every setting?',
                body: 'All settings go back to their defaults. Your prompts, votes and history are kept.',
                confirmLabel: 'Reset',
                destructive: true,
                onConfirm: () => void reset(),
              })
            }
          >
            Reset to Defaults…
          </button>
        </footer>
      </main>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
