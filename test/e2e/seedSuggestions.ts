import { HOUR_MS } from '../../src/core/clock';
import type { CoreContext } from '../../src/core/coreContext';
import { createManualSession } from '../../src/core/evolution/abSession';
import { recordFeedback } from '../../src/core/evolution/feedback';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';
import type { ScenarioClock } from './seedScenario';

/** What `seedSuggestions` stored, by what each task is about. */
export interface SuggestionScenario {
  /** The file-naming A/B session (testing). */
  session: string;
  /** The newest suggestion: a plain rename proposal (`scan0042.pdf`), shown expanded. */
  rename: string;
  /** A file-naming task the A/B test asks about: its card shows the comparison. */
  choice: string;
  /** A voice memo with three suggested actions. */
  memo: string;
  /** Two markdown change summaries, `roadmap.md` (newer) and `journal.md`. */
  roadmap: string;
  journal: string;
  /** A rename made 20 minutes before `now`, still undoable. */
  renamed: string;
  /** An earlier invoice the user corrected; the newest proposal was shown it as an example. */
  corrected: string;
}

const memoOutput = {
  intent: 'create_reminder',
  entities: [
    { type: 'person', value: 'Anna' },
    { type: 'date', value: '2026-03-04' },
  ],
  actions: [
    { command: 'create_reminder', details: 'Call Anna about the lease', when: '2026-03-04T10:00' },
    { command: 'create_calendar_event', details: 'Dentist appointment', when: '2026-03-06T15:30' },
    { command: 'create_task', details: 'Send the signed contract to Oak Street', when: '' },
  ],
  summary: 'Call Anna tomorrow at ten, dentist on Friday, and send the signed contract.',
};

const roadmapOutput = {
  changes: [
    {
      type: 'added',
      importance: 'high',
      section: 'Q2 goals',
      summary: 'New goal: ship folder watchers to beta users by May.',
    },
    { type: 'modified', importance: 'medium', section: 'Risks', summary: 'Model download size now 270 MB.' },
    { type: 'removed', importance: 'low', section: 'Ideas', summary: 'Dropped the iOS companion idea.' },
  ],
  executiveSummary: 'Q2 now targets a beta of folder watchers; the mobile idea is gone.',
};

const journalOutput = {
  changes: [
    { type: 'added', importance: 'low', section: 'March 3', summary: 'A short entry about the walk.' },
  ],
  executiveSummary: 'One new journal entry.',
};

/**
 * Suggestions from watchers waiting in the popover, oldest to newest: two markdown summaries, a voice
 * memo, a file-naming task the running A/B test asks about, and a plain rename proposal; plus one
 * rename already made. Paths are under `home` (shown as `~/…`); no file exists there, so answers
 * that rename are for tests that seed their own files. Ends at `end`.
 */
export function seedSuggestions(
  ctx: CoreContext,
  clock: ScenarioClock,
  end: Date,
  home: string,
): SuggestionScenario {
  clock.set(new Date(end.getTime() - 6 * HOUR_MS));
  const session = createManualSession(ctx, 'file-naming', [
    'Name the file in kebab-case from its content: who, what, when.\n{{input}}',
    'Suggest a short, descriptive kebab-case file name. Prefer the document type first.\n{{input}}',
  ]).session.id;
  clock.set(new Date(end.getTime() - 30 * 60_000));
  const renamed = seedSuggestion(ctx, {
    skill: 'file-naming',
    path: `${home}/Downloads/Document (3).docx`,
    outputs: { original: namingOutput('lease-agreement-rossi-oak-street') },
  });
  clock.advance(10 * 60_000);
  ctx.store.write(() => {
    ctx.store.suggestions.markAnswered(renamed, { kind: 'accept' }, ctx.clock.now());
    ctx.store.suggestions.recordRename(
      {
        task: renamed,
        fromPath: `${home}/Downloads/Document (3).docx`,
        toPath: `${home}/Downloads/lease-agreement-rossi-oak-street.docx`,
        fileIdentity: null,
      },
      ctx.clock.now(),
    );
  });

  clock.set(new Date(end.getTime() - 3 * HOUR_MS));
  const journal = seedSuggestion(ctx, {
    skill: 'markdown-analysis',
    path: `${home}/Notes/journal.md`,
    outputs: { original: journalOutput },
  });
  clock.advance(HOUR_MS);
  const roadmap = seedSuggestion(ctx, {
    skill: 'markdown-analysis',
    path: `${home}/Notes/roadmap.md`,
    outputs: { original: roadmapOutput },
  });
  clock.advance(40 * 60_000);
  const memo = seedSuggestion(ctx, {
    skill: 'audio-actions',
    path: `${home}/Transcripts/voice-memo-0303.txt`,
    outputs: { original: memoOutput },
  });
  clock.advance(15 * 60_000);
  const choice = seedSuggestion(ctx, {
    skill: 'file-naming',
    path: `${home}/Downloads/IMG_2231.jpg`,
    session,
    outputs: {
      original: namingOutput('photo-iphone-june-2025'),
      A: namingOutput('img-2231-2025-06-14-iphone'),
      B: namingOutput('iphone-photo-2025-06-14'),
    },
  });
  // Yesterday's invoice, which the user renamed by hand: the bank's example for the next one.
  clock.set(new Date(end.getTime() - 26 * HOUR_MS));
  const corrected = seedSuggestion(ctx, {
    skill: 'file-naming',
    path: `${home}/Downloads/scan0041.pdf`,
    input: { originalName: 'scan0041.pdf', extension: 'pdf', excerpt: 'INVOICE 2230 Acme Corp June 2025' },
    outputs: { original: namingOutput('scan-0041-document') },
  });
  recordFeedback(ctx, {
    task: corrected,
    verdict: 'corrected',
    correction: { filename: 'invoice-acme-2230-june-2025.pdf' },
  });
  ctx.store.write(() =>
    ctx.store.suggestions.markAnswered(corrected, { kind: 'edit', filename: 'x' }, ctx.clock.now()),
  );
  clock.set(new Date(end.getTime() - 35 * 60_000));
  const rename = seedSuggestion(ctx, {
    skill: 'file-naming',
    path: `${home}/Downloads/scan0042.pdf`,
    outputs: {
      original: {
        filename: 'invoice-acme-2231-july-2025',
        reasoning: 'An invoice from Acme Corp, number 2231, dated July 2025.',
        alternatives: ['acme-invoice-2231', 'acme-corp-invoice-july-2025'],
      },
    },
    examples: [corrected],
  });
  clock.set(end);
  return { session, rename, choice, memo, roadmap, journal, renamed, corrected };
}
