import { create } from 'zustand';
import type { RequestOf } from '../../../shared/ipc/channels';
import type { SettingsView } from '../../../shared/ipc/settingsSchemas';
import { settingsIssues } from '../../../shared/ipc/settingsSchemas';
import type { ModelStatus } from '../../../shared/ipc/stateSchemas';
import { bridge, describeError } from './bridge';

type Draft = Record<string, unknown>;
export type SaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'failed';

interface PreferencesState {
  settings: SettingsView | null;
  /** The form's values; may be invalid while the user types. */
  draft: Draft | null;
  /** Per key (`ab_testing.min_votes`), the problem the config schema reports. */
  issues: Record<string, string>;
  saveState: SaveState;
  error: string | null;
  model: ModelStatus | null;
  load(): Promise<void>;
  /** Changes one value; `commit` saves it when the whole form is valid. */
  edit(path: readonly string[], value: unknown, commit: boolean): Promise<void>;
  commit(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  reset(): Promise<void>;
  /** Opens the system picker; `null` when cancelled or when it failed (the error is shown). */
  pickPath(purpose: RequestOf<'pickPath'>['purpose']): Promise<string | null>;
}

function setIn(draft: Draft, path: readonly string[], value: unknown): Draft {
  const [head, ...rest] = path;
  if (head === undefined) return draft;
  const child = draft[head];
  return {
    ...draft,
    [head]:
      rest.length === 0
        ? value
        : setIn(typeof child === 'object' && child !== null ? (child as Draft) : {}, rest, value),
  };
}

const issuesByKey = (list: readonly { key: string; problem: string }[]) =>
  Object.fromEntries(list.map((issue) => [issue.key, issue.problem]));

/** The preferences window: a draft of every setting, checked with the same schema main saves with. */
export const usePreferencesStore = create<PreferencesState>()((set, get) => ({
  settings: null,
  draft: null,
  issues: {},
  saveState: 'idle',
  error: null,
  model: null,

  async load() {
    const [settings, model] = await Promise.all([bridge().getSettings(), bridge().getModelStatus()]);
    if (!settings.ok) {
      set({ error: describeError(settings.error) });
      return;
    }
    set({
      settings: settings.value,
      draft: structuredClone(settings.value.config) as Draft,
      issues: {},
      error: null,
      model: model.ok ? model.value : null,
    });
  },

  async edit(path, value, commit) {
    const { draft } = get();
    if (!draft) return;
    const next = setIn(draft, path, value);
    const issues = issuesByKey(settingsIssues(next));
    set({ draft: next, issues, saveState: Object.keys(issues).length > 0 ? 'invalid' : get().saveState });
    if (commit) await get().commit();
  },

  async commit() {
    const { draft, issues, settings } = get();
    if (!draft || !settings || Object.keys(issues).length > 0) return;
    set({ saveState: 'saving' });
    const answer = await bridge().setSettings({ config: draft, base: settings.config });
    if (!answer.ok) {
      set({ saveState: 'failed', error: describeError(answer.error) });
      return;
    }
    if (!answer.value.saved) {
      set({ saveState: 'invalid', issues: issuesByKey(answer.value.issues) });
      return;
    }
    // The file as saved, with any hand edit made meanwhile, becomes the form.
    const saved = answer.value.settings;
    set({ saveState: 'saved', settings: saved, draft: structuredClone(saved.config) as Draft, error: null });
  },

  async setPaused(paused) {
    const answer = await bridge().pauseAllEvolution({ paused });
    if (!answer.ok) {
      set({ error: describeError(answer.error) });
      return;
    }
    const { draft, settings } = get();
    if (draft) set({ draft: setIn(draft, ['evolution', 'paused'], answer.value.paused) });
    if (settings)
      set({
        settings: {
          ...settings,
          config: setIn(
            settings.config,
            ['evolution', 'paused'],
            answer.value.paused,
          ) as typeof settings.config,
        },
      });
  },

  async reset() {
    const answer = await bridge().resetSettings();
    if (!answer.ok) {
      set({ error: describeError(answer.error) });
      return;
    }
    set({
      settings: answer.value,
      draft: structuredClone(answer.value.config) as Draft,
      issues: {},
      saveState: 'saved',
      error: null,
    });
  },

  async pickPath(purpose) {
    const answer = await bridge().pickPath({ purpose });
    if (answer.ok) return answer.value.path;
    set({ error: describeError(answer.error) });
    return null;
  },
}));
