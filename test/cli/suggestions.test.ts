import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createManualSession } from '../../src/core/evolution/abSession';
import { openCore } from '../../src/core/openCore';
import type { AudioActionsOutput } from '../../src/core/skills';
import { dumpDatabase } from '../support/dumpDatabase';
import { runTinyarms } from '../support/runTinyarms';
import { namingOutput, seedSuggestion } from '../support/seedSuggestion';
import { makeTempDataDirs } from '../support/tempDataDir';

const newDir = makeTempDataDirs();

const NOTE: AudioActionsOutput = {
  intent: 'create_reminder',
  entities: [{ type: 'person', value: 'Bob' }],
  actions: [
    { command: 'create_reminder', details: 'Call Bob about the invoice', when: '2026-12-01' },
    { command: 'send_message', details: 'Tell Ana the invoice is late', when: '' },
    { command: 'create_task', details: 'Pay the ACME invoice', when: '' },
  ],
  summary: 'Chase the ACME invoice',
};

interface Seeded {
  dataDir: string;
  downloads: string;
  scan: string;
  naming: string;
  note: string;
}

/**
 * A data folder with two pending suggestions, seeded the way the intake stores them (the CLI runs on
 * the system clock, so the seeding core does too): a scan to rename, then a voice note.
 */
function seedTwo(): Seeded {
  const dataDir = join(newDir(), 'data');
  const downloads = newDir();
  const scan = join(downloads, 'scan001.pdf');
  writeFileSync(scan, '%PDF-1.4 invoice from ACME');
  const transcript = join(downloads, 'call.txt');
  writeFileSync(transcript, 'Remind me to call Bob about the invoice on Monday.');
  const { ctx, close } = openCore({ dataDir });
  try {
    const naming = seedSuggestion(ctx, {
      skill: 'file-naming',
      path: scan,
      outputs: { original: namingOutput('invoice-acme-2024.pdf') },
    });
    const note = seedSuggestion(ctx, {
      skill: 'audio-actions',
      path: transcript,
      outputs: { original: NOTE },
    });
    return { dataDir, downloads, scan, naming, note };
  } finally {
    close();
  }
}

function tinyarms(dataDir: string, ...args: string[]) {
  return runTinyarms(['--data-dir', dataDir, ...args]);
}

function ok(dataDir: string, ...args: string[]): string {
  const result = tinyarms(dataDir, ...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** Exit 1, nothing on stdout, exactly one line on stderr, the database unchanged. */
function expectCleanFailure(dataDir: string, args: readonly string[], pattern: RegExp): void {
  const before = dumpDatabase(dataDir);
  const result = tinyarms(dataDir, ...args);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(dumpDatabase(dataDir)).toEqual(before);
}

function rowOf(dataDir: string, table: string, task: string): Record<string, unknown> | undefined {
  return (dumpDatabase(dataDir)[table] as Record<string, unknown>[]).find((row) => row.task === task);
}

describe('tinyarms suggestions', () => {
  it('says so when nothing waits, in both forms', () => {
    const dataDir = join(newDir(), 'data');
    expect(ok(dataDir, 'suggestions')).toBe('No suggestions waiting.\n');
    expect(JSON.parse(ok(dataDir, 'suggestions', '--json'))).toEqual({ suggestions: [] });
  });

  it('lists pending suggestions newest first with the proposal, numbered actions and expiry', () => {
    const { dataDir, scan, naming, note } = seedTwo();
    const human = ok(dataDir, 'suggestions');
    const lines = human.split('\n');
    expect(lines[0]).toMatch(/^task\s+skill\s+file\s+made\s+expires/);
    expect(lines[1]).toMatch(
      new RegExp(`^${note}\\s+audio-actions\\s+.*call\\.txt\\s+just now\\s+in 3 days`),
    );
    expect(lines[2]).toBe(
      '    Chase the ACME invoice — 1) create_reminder (2026-12-01): Call Bob about the invoice' +
        '  2) send_message: Tell Ana the invoice is late  3) create_task: Pay the ACME invoice',
    );
    expect(lines[3]).toMatch(new RegExp(`^${naming}\\s+file-naming\\s+${scan.replaceAll('.', '\\.')}`));
    expect(lines[4]).toBe('    → invoice-acme-2024.pdf');
    expect(human).toContain('file-naming: --accept | --reject | --name <new name> | --snooze');
    expect(human).toContain('audio-actions: --accept | --reject | --keep 1,3 | --snooze');

    const json = JSON.parse(ok(dataDir, 'suggestions', '--json')) as {
      suggestions: { task: string; path: string; snoozedUntil: string | null; detail: { skill: string } }[];
    };
    expect(json.suggestions.map((s) => s.task)).toEqual([note, naming]);
    expect(json.suggestions[1]).toMatchObject({
      path: scan,
      snoozedUntil: null,
      file: { name: 'scan001.pdf' },
      detail: { skill: 'file-naming', from: 'scan001.pdf', to: 'invoice-acme-2024.pdf' },
    });
  });
});

describe('tinyarms feedback on a suggestion, and undo', () => {
  let seeded: Seeded;
  beforeEach(() => {
    seeded = seedTwo();
  });

  it('accept renames the file on disk and undo gives the old name back', () => {
    const { dataDir, downloads, scan, naming } = seeded;
    const renamed = join(downloads, 'invoice-acme-2024.pdf');
    expect(ok(dataDir, 'feedback', naming, '--accept')).toBe(
      `Renamed ${scan} → invoice-acme-2024.pdf. Undo: tinyarms undo ${naming}\n`,
    );
    expect(existsSync(scan)).toBe(false);
    expect(readFileSync(renamed, 'utf8')).toBe('%PDF-1.4 invoice from ACME');
    expect(rowOf(dataDir, 'suggestions', naming)).toMatchObject({ status: 'answered' });
    expect(rowOf(dataDir, 'feedback', naming)).toMatchObject({ verdict: 'accepted' });
    expect(ok(dataDir, 'suggestions', '--json')).not.toContain(naming);

    expect(ok(dataDir, 'undo', naming)).toBe('invoice-acme-2024.pdf is scan001.pdf again.\n');
    expect(readdirSync(downloads).sort()).toEqual(['call.txt', 'scan001.pdf']);
    expect(rowOf(dataDir, 'feedback', naming)).toMatchObject({ verdict: 'rejected' });
    expect(rowOf(dataDir, 'renames', naming)?.undone_at).not.toBeNull();
  });

  it('--name renames to the typed name (keeping the type) and records it as a correction', () => {
    const { dataDir, downloads, scan, naming } = seeded;
    const out = JSON.parse(ok(dataDir, 'feedback', naming, '--name', 'ACME invoice July', '--json'));
    const renamed = join(downloads, 'ACME invoice July.pdf');
    expect(out).toEqual({
      task: naming,
      status: 'answered',
      verdict: 'corrected',
      renamedTo: renamed,
      message: 'Renamed to ACME invoice July.pdf.',
      undo: `tinyarms undo ${naming}`,
    });
    expect(existsSync(scan)).toBe(false);
    expect(existsSync(renamed)).toBe(true);
    const feedback = rowOf(dataDir, 'feedback', naming);
    expect(feedback).toMatchObject({ verdict: 'corrected' });
    expect(JSON.parse(String(feedback?.correction))).toEqual({ filename: 'ACME invoice July.pdf' });

    const undone = JSON.parse(ok(dataDir, 'undo', naming, '--json'));
    expect(undone).toEqual({
      task: naming,
      restored: scan,
      message: 'ACME invoice July.pdf is scan001.pdf again.',
    });
    expect(existsSync(scan)).toBe(true);
  });

  it('--keep takes the printed numbers: the kept actions are the correction, nothing is run', () => {
    const { dataDir, downloads, note } = seeded;
    expect(ok(dataDir, 'feedback', note, '--keep', '1,3')).toBe('Thanks — your changes are noted.\n');
    const correction = JSON.parse(String(rowOf(dataDir, 'feedback', note)?.correction)) as AudioActionsOutput;
    expect(correction.actions.map((a) => a.command)).toEqual(['create_reminder', 'create_task']);
    expect(readdirSync(downloads).sort()).toEqual(['call.txt', 'scan001.pdf']);
  });

  it('--reject keeps the file as it is', () => {
    const { dataDir, scan, naming } = seeded;
    expect(ok(dataDir, 'feedback', naming, '--reject')).toBe('Kept the name scan001.pdf.\n');
    expect(existsSync(scan)).toBe(true);
    expect(rowOf(dataDir, 'feedback', naming)).toMatchObject({ verdict: 'rejected' });
  });

  it('--snooze hides it from the list but not from --all, and it can still be answered', () => {
    const { dataDir, naming, note } = seeded;
    expect(ok(dataDir, 'feedback', naming, '--snooze')).toMatch(
      /^Not now: .*scan001\.pdf is hidden until \d{4}-\d\d-\d\d \d\d:\d\d/,
    );
    expect(rowOf(dataDir, 'feedback', naming)).toBeUndefined();
    const listed = (args: string[]) =>
      (JSON.parse(ok(dataDir, 'suggestions', ...args, '--json')) as { suggestions: { task: string }[] })
        .suggestions;
    expect(listed([]).map((s) => s.task)).toEqual([note]);
    const all = listed(['--all']);
    expect(all.map((s) => s.task)).toEqual([note, naming]);
    expect(all[1]).toMatchObject({ snoozedUntil: expect.stringMatching(/^\d{4}-/) });
    expect(ok(dataDir, 'suggestions', '--all')).toMatch(/not now, until/);

    expect(ok(dataDir, 'feedback', naming, '--accept')).toMatch(/^Renamed /);
  });

  it('a task from `tinyarms run` keeps plain feedback and refuses the suggestion-only answers', () => {
    const { dataDir } = seeded;
    const { ctx, close } = openCore({ dataDir });
    const task = ctx.store.write(() => {
      const created = ctx.store.tasks.createTask(
        { skill: 'file-naming', input: { originalName: 'a.txt' }, source: 'cli' },
        ctx.clock.now(),
      );
      ctx.store.tasks.addRun(
        {
          task: created.id,
          promptVersion: 1,
          variant: null,
          arm: 'original',
          output: namingOutput('notes-from-monday.txt'),
          latencyMs: 5,
          tokens: 10,
          model: 'seeded',
        },
        ctx.clock.now(),
      );
      return created.id;
    });
    close();
    expectCleanFailure(dataDir, ['feedback', task, '--name', 'x'], /came from `tinyarms run`/);
    expect(ok(dataDir, 'feedback', task, '--accept')).toBe(
      `Recorded accepted for ${task} (file-naming v1).\n`,
    );
  });

  it('--choose answers the A/B choice shown with a suggestion: the vote and the rename', () => {
    const dataDir = join(newDir(), 'data');
    const folder = newDir();
    const scan = join(folder, 'scan009.pdf');
    writeFileSync(scan, 'pdf');
    const { ctx, close } = openCore({ dataDir });
    const { session } = createManualSession(ctx, 'file-naming', ['Short name for {{input}}']);
    const task = seedSuggestion(ctx, {
      skill: 'file-naming',
      path: scan,
      session: session.id,
      outputs: { original: namingOutput('scan-document-009.pdf'), A: namingOutput('acme-invoice-march.pdf') },
    });
    close();
    const listed = ok(dataDir, 'suggestions');
    expect(listed).toMatch(/A\/B test, which is better\? 1\) \S+\.pdf {2}2\) \S+\.pdf/);
    const option = listed.includes('1) acme-invoice-march.pdf') ? '1' : '2';
    expectCleanFailure(dataDir, ['feedback', task, '--choose', '3'], /--choose takes 1 to 2 or skip/);
    expect(ok(dataDir, 'feedback', task, '--choose', option)).toBe(
      `Renamed ${scan.replace(homedir(), '~')} → acme-invoice-march.pdf. Undo: tinyarms undo ${task}\n`,
    );
    expect(readdirSync(folder)).toEqual(['acme-invoice-march.pdf']);
    const votes = dumpDatabase(dataDir).ab_votes as { chosen: string }[];
    expect(votes.map((v) => v.chosen)).toEqual(['A']);
  });

  it('refuses bad input in one line, exit 1, with the database unchanged', () => {
    const { dataDir, naming, note } = seeded;
    expectCleanFailure(dataDir, ['feedback', 't-00000000', '--accept'], /no task t-00000000/);
    expectCleanFailure(dataDir, ['feedback', 't-00000000', '--keep', '1'], /no task t-00000000/);
    expectCleanFailure(dataDir, ['undo', 't-00000000'], /task t-00000000 renamed nothing/);
    expectCleanFailure(dataDir, ['undo', naming], new RegExp(`task ${naming} renamed nothing`));
    expectCleanFailure(
      dataDir,
      ['feedback', note, '--keep', '9'],
      /there is no action 9 in task t-\w+; its actions are numbered 1 to 3/,
    );
    expectCleanFailure(dataDir, ['feedback', note, '--keep', '0,2'], /--keep takes the numbers/);
    expectCleanFailure(dataDir, ['feedback', naming, '--keep', '1'], /only audio-actions/);
    expectCleanFailure(dataDir, ['feedback', note, '--name', 'x.txt'], /only file-naming/);
    expectCleanFailure(
      dataDir,
      ['feedback', note, '--correct', '{"intent":"none"}'],
      /is a audio-actions suggestion: answer it with --accept \| --reject \| --keep 1,3 \| --snooze/,
    );
    expectCleanFailure(dataDir, ['feedback', naming, '--accept', '--snooze'], /give exactly one of/);

    ok(dataDir, 'feedback', naming, '--accept');
    ok(dataDir, 'undo', naming);
    expectCleanFailure(dataDir, ['undo', naming], /the rename of scan001\.pdf was undone already/);
    expectCleanFailure(dataDir, ['feedback', naming, '--accept'], /was answered already/);
  });
});
