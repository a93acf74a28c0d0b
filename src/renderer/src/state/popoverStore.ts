import { create } from 'zustand';
import type { EventPayloadOf, RequestOf } from '../../../shared/ipc/channels';
import type { PromptDiff, PromptHistoryView } from '../../../shared/ipc/historySchemas';
import type { IpcResult } from '../../../shared/ipc/ipcResult';
import type { PendingChoice } from '../../../shared/ipc/stateSchemas';
import type { StateSnapshot } from '../../../shared/ipc/stateSnapshotSchema';
import type { IntakeProgressView } from '../../../shared/ipc/suggestionSchemas';
import { bridge, describeError } from './bridge';

export type PopoverView = { name: 'home' } | { name: 'history'; skill: string };
export type SuggestionAnswer = RequestOf<'answerSuggestion'>['answer'];

interface PopoverState {
  snapshot: StateSnapshot | null;
  /**
   * `Date.now()` when the snapshot arrived. "Now" for the page is the snapshot's `generatedAt` plus the
   * time since, so undo windows and "5 min ago" follow main's clock, not the page's.
   */
  receivedAt: number;
  /** The watcher queue: from each snapshot, and live from `intakeProgress` between snapshots. */
  intake: IntakeProgressView | null;
  /** The model download's last `modelDownloadProgress` event (the snapshot says whether one runs). */
  download: EventPayloadOf<'modelDownloadProgress'> | null;
  /** The breeding run's last `evolutionProgress` event; cleared when no skill is evolving. */
  evolution: EventPayloadOf<'evolutionProgress'> | null;
  view: PopoverView;
  /** The choice being answered; its buttons are disabled until main answers. */
  voting: string | null;
  /** The suggestion (task) being answered or the rename being undone; cards are busy meanwhile. */
  answering: string | null;
  /** The last vote's outcome sentence, shown briefly under the card. */
  notice: string | null;
  error: string | null;
  history: PromptHistoryView | null;
  diff: PromptDiff | null;
  connect(): () => void;
  refresh(): Promise<void>;
  vote(choice: PendingChoice, chosen: string | null): Promise<void>;
  answer(task: string, answer: SuggestionAnswer): Promise<void>;
  undoRename(task: string): Promise<void>;
  openHistory(skill: string): Promise<void>;
  goHome(): void;
  loadDiff(skill: string, from: number, to: number): Promise<void>;
  rollback(skill: string, toVersion: number): Promise<void>;
  promote(skill: string, variant: string): Promise<void>;
  /** Breeds new prompt variants for a skill now (main runs it in the background). */
  startEvolution(skill: string): Promise<void>;
  /** Stops the breeding run in progress. */
  cancelEvolution(): Promise<void>;
  openPreferences(): void;
}

/** Id of a pending choice for UI state: one task of one session. */
export const choiceId = (choice: Pick<PendingChoice, 'session' | 'task'>) =>
  `${choice.session}:${choice.task}`;

/** Answers a suggestion or undoes a rename: one at a time, the outcome sentence as the notice. */
async function answering(
  set: (partial: Partial<PopoverState>) => void,
  get: () => PopoverState,
  task: string,
  call: () => Promise<IpcResult<{ message: string }>>,
): Promise<void> {
  if (get().answering !== null) return;
  set({ answering: task, error: null });
  try {
    const result = await call();
    if (!result.ok) {
      set({ error: describeError(result.error) });
      return;
    }
    set({ notice: result.value.message });
    await get().refresh();
  } finally {
    set({ answering: null });
  }
}

/**
 * The popover's state. Main owns the facts and pushes snapshots; this store only keeps the latest
 * one, what the user is looking at, and the answer to the last action.
 */
export const usePopoverStore = create<PopoverState>()((set, get) => ({
  snapshot: null,
  receivedAt: 0,
  intake: null,
  download: null,
  evolution: null,
  view: { name: 'home' },
  voting: null,
  answering: null,
  notice: null,
  error: null,
  history: null,
  diff: null,

  connect() {
    const api = bridge();
    const unsubscribers = [
      api.onStateChanged((snapshot) => {
        set({ snapshot, receivedAt: Date.now(), intake: snapshot.intake });
        if (!snapshot.skills.some((skill) => skill.status === 'evolving')) set({ evolution: null });
        const { view } = get();
        if (view.name === 'history') void get().openHistory(view.skill);
      }),
      api.onIntakeProgress((intake) => set({ intake })),
      api.onEvolutionProgress((evolution) => set({ evolution })),
      api.onModelDownloadProgress((download) => set({ download })),
    ];
    void get().refresh();
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  },

  async refresh() {
    const answer = await bridge().getState();
    if (answer.ok)
      set({ snapshot: answer.value, receivedAt: Date.now(), intake: answer.value.intake, error: null });
    else set({ error: describeError(answer.error) });
  },

  async vote(choice, chosen) {
    const id = choiceId(choice);
    if (get().voting !== null) return;
    set({ voting: id, error: null });
    try {
      const answer = await bridge().vote({
        session: choice.session,
        task: choice.task,
        shown: choice.shown,
        chosen,
        key: crypto.randomUUID(),
      });
      if (!answer.ok) {
        set({ error: describeError(answer.error) });
        return;
      }
      const { decision, votes, maxVotes, summary } = answer.value;
      set({
        notice: decision
          ? decision.reason
          : chosen === null
            ? 'Skipped. The current prompt’s output is used.'
            : `Vote recorded (${votes}/${maxVotes}). ${summary}`,
      });
      await get().refresh();
    } finally {
      set({ voting: null });
    }
  },

  answer: (task, answer) => answering(set, get, task, () => bridge().answerSuggestion({ task, answer })),

  undoRename: (task) => answering(set, get, task, () => bridge().undoRename({ task })),

  async openHistory(skill) {
    set({ view: { name: 'history', skill }, error: null });
    const answer = await bridge().getHistory({ skill });
    if (!answer.ok) {
      set({ error: describeError(answer.error) });
      return;
    }
    const history = answer.value;
    set({ history });
    const current = get().diff;
    if (current?.skill !== skill && history.versions.length > 1) {
      await get().loadDiff(skill, history.versions.at(-2)?.version ?? 1, history.active);
    } else if (history.versions.length <= 1) set({ diff: null });
  },

  goHome() {
    set({ view: { name: 'home' }, history: null, diff: null, error: null });
  },

  async loadDiff(skill, from, to) {
    const answer = await bridge().getPromptDiff({ skill, from, to });
    if (answer.ok) set({ diff: answer.value });
    else set({ error: describeError(answer.error) });
  },

  async rollback(skill, toVersion) {
    const answer = await bridge().rollback({ skill, toVersion });
    if (!answer.ok) {
      set({ error: describeError(answer.error) });
      return;
    }
    set({
      notice: `Rolled back to v${answer.value.restored}'s prompt (now v${answer.value.version}).`,
      diff: null,
    });
    await Promise.all([get().refresh(), get().openHistory(skill)]);
  },

  async startEvolution(skill) {
    set({ error: null });
    const answer = await bridge().startEvolution({ skill });
    if (!answer.ok) {
      set({ error: describeError(answer.error) });
      return;
    }
    // The new session shows up in this history at once, breeding; the skill row shows its progress.
    await Promise.all([get().refresh(), get().openHistory(skill)]);
  },

  async cancelEvolution() {
    set({ error: null });
    const answer = await bridge().cancelEvolution();
    if (!answer.ok) set({ error: describeError(answer.error) });
    else if (answer.value.cancelled) set({ notice: 'Evolution stopped; the current prompt stays.' });
  },

  async promote(skill, variant) {
    const answer = await bridge().promote({ skill, variant });
    if (!answer.ok) {
      set({ error: describeError(answer.error) });
      return;
    }
    set({ notice: `Variant ${variant} is now v${answer.value.version}.`, diff: null });
    await Promise.all([get().refresh(), get().openHistory(skill)]);
  },

  openPreferences() {
    void bridge()
      .openPreferences()
      .then((answer) => {
        if (!answer.ok) set({ error: describeError(answer.error) });
      });
  },
}));
