import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src/core/clock';
import { createManualSession } from '../../../src/core/evolution/abSession';
import { openCore } from '../../../src/core/openCore';
import { seededRng } from '../../../src/core/rng';
import { answerSuggestion } from '../../../src/core/suggestions/answerSuggestion';
import { undoRename } from '../../../src/core/suggestions/undoRename';
import { dumpDatabase } from '../../support/dumpDatabase';
import { openTestCore } from '../../support/openTestCore';
import { namingOutput, seedSuggestion } from '../../support/seedSuggestion';
import { makeTempDataDirs } from '../../support/tempDataDir';

const newDir = makeTempDataDirs();

function setup() {
  const dataDir = newDir();
  const folder = newDir();
  const core = openTestCore(dataDir);
  const file = (name: string, content = name) => {
    writeFileSync(join(folder, name), content);
    return join(folder, name);
  };
  const name = (path: string) =>
    seedSuggestion(core.ctx, {
      skill: 'file-naming',
      path,
      outputs: { original: namingOutput('invoice-acme-july-2024.pdf') },
    });
  return { core, ctx: core.ctx, folder, file, name, listing: () => readdirSync(folder).sort() };
}

describe('answering a file-naming suggestion', () => {
  it('accept renames the file and counts the proposal as accepted', () => {
    const { ctx, file, name, listing } = setup();
    const task = name(file('scan001.pdf', 'PDF bytes'));
    const outcome = answerSuggestion(ctx, task, { kind: 'accept' });
    expect(outcome).toMatchObject({
      status: 'answered',
      verdict: 'accepted',
      message: 'Renamed to invoice-acme-july-2024.pdf.',
    });
    expect(listing()).toEqual(['invoice-acme-july-2024.pdf']);
    expect(readFileSync(outcome.renamedTo as string, 'utf8')).toBe('PDF bytes');
    expect(ctx.store.tasks.feedbackFor(task)?.verdict).toBe('accepted');
    expect(ctx.store.suggestions.get(task)?.status).toBe('answered');
    expect(() => answerSuggestion(ctx, task, { kind: 'accept' })).toThrow(/answered already/);
  });

  it('a taken name gets a numeric suffix and the other file is untouched', () => {
    const { ctx, file, name, listing, folder } = setup();
    file('invoice-acme-july-2024.pdf', 'already here');
    const task = name(file('scan002.pdf', 'new'));
    const outcome = answerSuggestion(ctx, task, { kind: 'accept' });
    expect(outcome.renamedTo).toBe(join(folder, 'invoice-acme-july-2024-2.pdf'));
    expect(listing()).toEqual(['invoice-acme-july-2024-2.pdf', 'invoice-acme-july-2024.pdf']);
    expect(readFileSync(join(folder, 'invoice-acme-july-2024.pdf'), 'utf8')).toBe('already here');
  });

  it('edit renames to the typed name (keeping the type) and records it as the correction', () => {
    const { ctx, file, name, listing } = setup();
    const task = name(file('scan003.pdf'));
    const outcome = answerSuggestion(ctx, task, { kind: 'edit', filename: 'Acme July invoice' });
    expect(outcome.verdict).toBe('corrected');
    expect(listing()).toEqual(['Acme July invoice.pdf']);
    expect(ctx.store.tasks.feedbackFor(task)).toMatchObject({
      verdict: 'corrected',
      correction: { filename: 'Acme July invoice.pdf' },
    });
  });

  it('reject keeps the file as it is and counts the proposal as wrong', () => {
    const { ctx, file, name, listing } = setup();
    const task = name(file('scan004.pdf'));
    expect(answerSuggestion(ctx, task, { kind: 'reject' })).toMatchObject({
      verdict: 'rejected',
      renamedTo: null,
      message: 'Kept the name scan004.pdf.',
    });
    expect(listing()).toEqual(['scan004.pdf']);
    expect(ctx.store.tasks.feedbackFor(task)?.verdict).toBe('rejected');
  });

  it('undo gives the old name back within 24 h and the rename then counts as rejected', () => {
    const { core, ctx, file, name, listing } = setup();
    const task = name(file('scan005.pdf'));
    answerSuggestion(ctx, task, { kind: 'accept' });
    core.clock.advance(23 * HOUR_MS);
    expect(undoRename(ctx, task).message).toBe('invoice-acme-july-2024.pdf is scan005.pdf again.');
    expect(listing()).toEqual(['scan005.pdf']);
    expect(ctx.store.tasks.feedbackFor(task)?.verdict).toBe('rejected');
    expect(() => undoRename(ctx, task)).toThrow(/undone already/);
  });

  it('undo refuses after 24 h, when the old name is taken, or when the file is gone — changing nothing', () => {
    const { core, ctx, file, name, listing } = setup();
    const late = name(file('a-late.pdf'));
    answerSuggestion(ctx, late, { kind: 'edit', filename: 'late-one' });
    const taken = name(file('b-taken.pdf'));
    answerSuggestion(ctx, taken, { kind: 'edit', filename: 'taken-one' });
    file('b-taken.pdf', 'a new file with the old name');
    const gone = name(file('c-gone.pdf'));
    const goneOutcome = answerSuggestion(ctx, gone, { kind: 'edit', filename: 'gone-one' });
    unlinkSync(goneOutcome.renamedTo as string);
    expect(() => undoRename(ctx, taken)).toThrow(/another file is called b-taken.pdf/);
    expect(() => undoRename(ctx, gone)).toThrow(/no longer in/);
    core.clock.advance(25 * HOUR_MS);
    const before = listing();
    expect(() => undoRename(ctx, late)).toThrow(/older than 24 hours/);
    expect(listing()).toEqual(before);
    expect(ctx.store.tasks.feedbackFor(taken)?.verdict).toBe('corrected');
  });

  it('Undo acts on the file it renamed: a file or a folder that took its name is left alone', () => {
    const { ctx, folder, file, name, listing } = setup();
    const replaced = name(file('scan-r.pdf', 'the scanned invoice'));
    const renamedTo = answerSuggestion(ctx, replaced, { kind: 'edit', filename: 'invoice-r' })
      .renamedTo as string;
    // Another file moved over the renamed one (Finder's "Replace", or mv).
    writeFileSync(join(folder, 'incoming.pdf'), 'an unrelated file');
    renameSync(join(folder, 'incoming.pdf'), renamedTo);
    expect(() => undoRename(ctx, replaced)).toThrow(
      /invoice-r.pdf in .* is another file now \(it was replaced after the rename\); nothing undone/,
    );
    const toFolder = name(file('scan-d.pdf'));
    const folderPath = answerSuggestion(ctx, toFolder, { kind: 'edit', filename: 'invoice-d' })
      .renamedTo as string;
    unlinkSync(folderPath);
    mkdirSync(folderPath);
    expect(() => undoRename(ctx, toFolder)).toThrow(/invoice-d.pdf in .* is not a file any more/);
    expect(listing()).toEqual(['invoice-d.pdf', 'invoice-r.pdf']);
    expect(readFileSync(renamedTo, 'utf8')).toBe('an unrelated file');
    // Both renames stay undoable records of what happened: nothing was marked undone.
    expect(ctx.store.suggestions.renameOf(replaced)?.undoneAt).toBeNull();
    expect(ctx.store.tasks.feedbackFor(replaced)?.verdict).toBe('corrected');
  });

  it('an answer renames only the file the suggestion was made about, as it was', () => {
    const { ctx, folder, file, name, listing } = setup();
    const replaced = file('scan-x.pdf', 'the scanned invoice');
    const replacedTask = name(replaced);
    writeFileSync(join(folder, 'other.pdf'), 'a different document');
    renameSync(join(folder, 'other.pdf'), replaced);
    expect(() => answerSuggestion(ctx, replacedTask, { kind: 'accept' })).toThrow(
      'scan-x.pdf was replaced by another file since the suggestion was made; nothing renamed',
    );
    const edited = file('scan-y.pdf', 'first version');
    const editedTask = name(edited);
    writeFileSync(edited, 'a longer second version');
    utimesSync(edited, new Date(), new Date(Date.now() + 5_000));
    expect(() => answerSuggestion(ctx, editedTask, { kind: 'edit', filename: 'typed-name' })).toThrow(
      /scan-y.pdf was changed since the suggestion/,
    );
    const nowFolder = file('scan-z.pdf');
    const folderTask = name(nowFolder);
    unlinkSync(nowFolder);
    mkdirSync(nowFolder);
    expect(() => answerSuggestion(ctx, folderTask, { kind: 'accept' })).toThrow(
      /scan-z.pdf is not a file any more/,
    );
    expect(listing()).toEqual(['scan-x.pdf', 'scan-y.pdf', 'scan-z.pdf']);
    for (const task of [replacedTask, editedTask, folderTask]) {
      expect(ctx.store.suggestions.get(task)?.status).toBe('expired');
      expect(ctx.store.tasks.feedbackFor(task)).toBeNull();
    }
  });

  it('a crash between the rename and its record is put right at the next start: the file gets its name back', () => {
    const { core, ctx, folder, file, name, listing } = setup();
    const task = name(file('scan-k.pdf', 'the scanned invoice'));
    core.close();
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'renameCrashChild.ts'), ctx.dataDir, task],
      { encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    // What the crash left: the file renamed, nothing recorded, the intent committed.
    expect(listing()).toEqual(['invoice-acme-july-2024.pdf']);
    const reopened = openTestCore(ctx.dataDir);
    try {
      expect(listing()).toEqual(['scan-k.pdf']);
      expect(readFileSync(join(folder, 'scan-k.pdf'), 'utf8')).toBe('the scanned invoice');
      expect(reopened.ctx.store.suggestions.renameIntents()).toEqual([]);
      expect(reopened.ctx.store.suggestions.get(task)?.status).toBe('pending');
      expect(reopened.ctx.store.suggestions.renameOf(task)).toBeNull();
      // Answered again, it renames and records as usual.
      expect(answerSuggestion(reopened.ctx, task, { kind: 'accept' }).renamedTo).toBe(
        join(folder, 'invoice-acme-july-2024.pdf'),
      );
      expect(reopened.ctx.store.suggestions.renameIntents()).toEqual([]);
    } finally {
      reopened.close();
    }
  });

  it('a finished or refused rename leaves no intent behind', () => {
    const { ctx, file, name } = setup();
    answerSuggestion(ctx, name(file('scan-m.pdf')), { kind: 'accept' });
    const taken = name(file('scan-n.pdf'));
    for (let n = 1; n <= 99; n++) file(n === 1 ? 'typed.pdf' : `typed-${n}.pdf`);
    expect(() => answerSuggestion(ctx, taken, { kind: 'edit', filename: 'typed' })).toThrow(/all taken/);
    expect(ctx.store.suggestions.renameIntents()).toEqual([]);
  });

  it('a file that vanished before the answer expires the suggestion with a clear message', () => {
    const { ctx, file, name } = setup();
    const path = file('vanishing.pdf');
    const task = name(path);
    unlinkSync(path);
    expect(() => answerSuggestion(ctx, task, { kind: 'accept' })).toThrow(/vanishing.pdf is no longer in/);
    expect(ctx.store.suggestions.get(task)?.status).toBe('expired');
    expect(ctx.store.tasks.feedbackFor(task)).toBeNull();
  });

  it('bad edits are refused and change nothing', () => {
    const { ctx, file, name, listing } = setup();
    const task = name(file('scan006.pdf'));
    const before = dumpDatabase(ctx.dataDir);
    expect(() => answerSuggestion(ctx, task, { kind: 'edit', filename: '../escape' })).toThrow(/\/ or :/);
    expect(() => answerSuggestion(ctx, task, { kind: 'actions', accepted: [0] })).toThrow(/audio-actions/);
    expect(dumpDatabase(ctx.dataDir)).toEqual(before);
    expect(listing()).toEqual(['scan006.pdf']);
  });

  it('a locked database moves the file back: disk and database stay in agreement', () => {
    const dataDir = newDir();
    const folder = newDir();
    const opened = openCore({ dataDir, rng: seededRng(1) });
    const ctx = opened.ctx;
    ctx.store.db.pragma('busy_timeout = 50');
    writeFileSync(join(folder, 'locked.pdf'), 'x');
    const task = seedSuggestion(ctx, {
      skill: 'file-naming',
      path: join(folder, 'locked.pdf'),
      outputs: { original: namingOutput('invoice-acme-july-2024.pdf') },
    });
    const other = new Database(join(dataDir, 'tinyarms.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => answerSuggestion(ctx, task, { kind: 'accept' })).toThrow(/locked|busy/i);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(readdirSync(folder)).toEqual(['locked.pdf']);
    expect(ctx.store.suggestions.get(task)?.status).toBe('pending');
    expect(answerSuggestion(ctx, task, { kind: 'accept' }).verdict).toBe('accepted');
    opened.close();
  });
});

describe('other skills', () => {
  const note = {
    intent: 'create_reminder',
    entities: [],
    actions: [
      { command: 'create_reminder', details: 'call Sam about the lease', when: '2026-03-03' },
      { command: 'create_task', details: 'buy printer paper', when: '' },
      { command: 'send_message', details: 'tell Ana the meeting moved', when: '' },
    ],
    summary: 'Call Sam, buy paper, tell Ana.',
  };

  it('audio actions: kept actions make a correction, all kept is accepted, none kept is rejected', () => {
    const { ctx, folder } = setup();
    const seed = () =>
      seedSuggestion(ctx, {
        skill: 'audio-actions',
        path: join(folder, 'memo.txt'),
        outputs: { original: note },
      });
    const some = seed();
    expect(answerSuggestion(ctx, some, { kind: 'actions', accepted: [0, 2] }).verdict).toBe('corrected');
    const correction = ctx.store.tasks.feedbackFor(some)?.correction as typeof note;
    expect(correction.actions.map((a) => a.details)).toEqual([
      'call Sam about the lease',
      'tell Ana the meeting moved',
    ]);
    expect(answerSuggestion(ctx, seed(), { kind: 'actions', accepted: [0, 1, 2] }).verdict).toBe('accepted');
    expect(answerSuggestion(ctx, seed(), { kind: 'actions', accepted: [] }).verdict).toBe('rejected');
    expect(() => answerSuggestion(ctx, seed(), { kind: 'actions', accepted: [5] })).toThrow(/no action 5/);
  });

  it('markdown: thumbs up and down', () => {
    const { ctx, folder } = setup();
    const summary = {
      changes: [{ type: 'added', importance: 'high', section: 'Plan', summary: 'New plan' }],
      executiveSummary: 'A plan was added.',
    };
    const up = seedSuggestion(ctx, {
      skill: 'markdown-analysis',
      path: join(folder, 'notes.md'),
      outputs: { original: summary },
    });
    expect(answerSuggestion(ctx, up, { kind: 'accept' }).verdict).toBe('accepted');
    const down = seedSuggestion(ctx, {
      skill: 'markdown-analysis',
      path: join(folder, 'notes.md'),
      outputs: { original: summary },
    });
    expect(answerSuggestion(ctx, down, { kind: 'reject' }).verdict).toBe('rejected');
  });
});

describe('snooze and expiry', () => {
  it('Not now hides a suggestion for snooze_minutes; unanswered ones expire without feedback', () => {
    const { core, ctx, file, name } = setup();
    const snoozed = name(file('later.pdf'));
    const ignored = name(file('ignored.pdf'));
    answerSuggestion(ctx, snoozed, { kind: 'snooze' });
    expect(ctx.store.suggestions.pending(ctx.clock.now()).map((s) => s.task)).toEqual([ignored]);
    core.clock.advance(ctx.config.notifications.snooze_minutes * 60_000);
    expect(
      ctx.store.suggestions
        .pending(ctx.clock.now())
        .map((s) => s.task)
        .sort(),
    ).toEqual([ignored, snoozed].sort());
    core.clock.advance(ctx.config.notifications.expire_after_hours * HOUR_MS);
    expect(ctx.store.write(() => ctx.store.suggestions.expireDue(ctx.clock.now()))).toBe(2);
    expect(ctx.store.tasks.feedbackFor(ignored)).toBeNull();
    expect(() => answerSuggestion(ctx, ignored, { kind: 'accept' })).toThrow(/expired/);
  });
});

describe('an A/B test in the rename flow', () => {
  it('picking a variant records the vote, renames to its name and keeps it as a reference', () => {
    const { core, ctx, file, folder } = setup();
    const { session } = createManualSession(ctx, 'file-naming', [
      'Name: {{input}}',
      'Short name for {{input}}',
    ]);
    core.clock.advance(60_000);
    const path = file('scan007.pdf');
    const task = seedSuggestion(ctx, {
      skill: 'file-naming',
      path,
      session: session.id,
      outputs: {
        original: namingOutput('scan-document-number-7.pdf'),
        A: namingOutput('acme-invoice-july-2024.pdf'),
      },
    });
    const skip = answerSuggestion(ctx, task, {
      kind: 'choose',
      shown: ['original', 'A'],
      chosen: null,
      key: 'skip-key-1',
    });
    expect(skip.status).toBe('pending');
    expect(ctx.store.sessions.votesOf(session.id)).toHaveLength(1);
    const pick = answerSuggestion(ctx, task, {
      kind: 'choose',
      shown: ['original', 'A'],
      chosen: 'A',
      key: 'pick-key-1',
    });
    expect(pick).toMatchObject({
      verdict: 'corrected',
      renamedTo: join(folder, 'acme-invoice-july-2024.pdf'),
    });
    expect(ctx.store.sessions.votesOf(session.id).map((v) => v.chosen)).toEqual([null, 'A']);
    expect(ctx.store.tasks.feedbackFor(task)?.correction).toMatchObject({
      filename: 'acme-invoice-july-2024.pdf',
    });
  });
});
