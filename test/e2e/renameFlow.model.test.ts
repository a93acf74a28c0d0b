import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIntakeService, type IntakeService } from '../../src/core/app/intakeService';
import type { LanguageModel } from '../../src/core/llm/languageModel';
import type { SuggestionView } from '../../src/shared/ipc/suggestionSchemas';
import { testLanguageModel } from '../support/testModel';
import type { Bridge } from './bridgeServer';
import { pageHarness, snapshotOf } from './pageHarness';

// The "done" test: a real watched folder, the real intake service and the real model
// (SmolLM2-135M, 2 threads), answered in the popover in Chromium. Two short model calls.
const harness = pageHarness();
/** On a loaded 2-core machine one call has taken two minutes; the flow itself takes seconds. */
const MODEL_WAIT_MS = 12 * 60_000;
const FLOW_TIMEOUT_MS = 15 * 60_000;

/** Names a proposal cannot be (stems under 15 characters, a space), so each file gets a suggestion. */
const files = {
  'scan0042.txt': 'INVOICE #2231 from Acme Corp, July 2025. Total due: 1,240.00 EUR.',
  'Document (3).txt': 'Lease agreement between M. Rossi and Oak Street Properties, signed March 2026.',
};

describe('the rename flow through the real core and model', () => {
  it(
    'accepts one proposal, renames another to a typed name, and undoes the first',
    async () => {
      const model: LanguageModel = await testLanguageModel();
      const errors: string[] = [];
      // Main pushes to the page through the bridge, which exists only once the page is served.
      let page: Bridge | null = null;
      let intake: IntakeService | null = null;
      const h = await harness.launch('index.html', {
        size: { width: 360, height: 640 },
        config: (dataDir) => `watchers:\n  folders:\n    - ${JSON.stringify(join(dataDir, 'Inbox'))}\n`,
        seed: (_core, dataDir) => mkdirSync(join(dataDir, 'Inbox')),
        services: (ref) => {
          intake = createIntakeService({
            core: ref,
            model: () => model,
            onProgress: (progress) => page?.push('intake:progress', progress),
            onSuggestion: ({ run }) => {
              // Model time is the whole cost of this test; printed so a slow run can be told from a hang.
              console.info(`proposal ${JSON.stringify(run.output)} in ${Math.round(run.latencyMs)} ms`);
              page?.changed();
            },
            onError: (message) => errors.push(message),
          });
          const service = intake;
          return { intakeProgress: () => service.progress() };
        },
      });
      page = h.bridge;
      const service = intake as IntakeService | null;
      if (!service) throw new Error('the harness did not make the services');
      try {
        const inbox = join(h.dataDir, 'Inbox');
        await service.sync();
        for (const [name, text] of Object.entries(files)) writeFileSync(join(inbox, name), text);

        // Each file becomes a task (or an error, which the assertion after shows); then the queue drains.
        const tasks = () => h.core.ctx.store.db.prepare('SELECT COUNT(*) FROM tasks').pluck().get() as number;
        await expect
          .poll(() => tasks() + errors.length, { timeout: MODEL_WAIT_MS })
          .toBe(Object.keys(files).length);
        await service.idle();
        expect(errors).toEqual([]);
        const suggestions = (await snapshotOf(h.bridge)).suggestions;
        expect(suggestions).toHaveLength(2);
        const [first, second] = suggestions as [SuggestionView, SuggestionView];
        if (first.detail.skill !== 'file-naming') throw new Error(`unexpected ${first.detail.skill}`);
        const { from, to } = first.detail;

        // Accept: the newest suggestion is the expanded card.
        const card = h.page.getByTestId(`suggestion-${first.task}`);
        await expect.poll(() => card.getByTestId('proposed-name').textContent()).toBe(to);
        await card.getByRole('button', { name: 'Rename', exact: true }).click();
        await expect.poll(() => existsSync(join(inbox, to))).toBe(true);
        expect(existsSync(join(inbox, from))).toBe(false);
        expect(h.core.ctx.store.tasks.feedbackFor(first.task)?.verdict).toBe('accepted');
        await expect.poll(() => h.page.getByTestId('notice').textContent()).toBe(`Renamed to ${to}.`);

        // Edit: the next suggestion is expanded now; the typed name is a correction.
        const next = h.page.getByTestId(`suggestion-${second.task}`);
        await expect.poll(() => next.count()).toBe(1);
        await next.getByRole('button', { name: 'Edit…' }).click();
        const field = next.getByRole('textbox', { name: 'New file name' });
        await field.fill('typed-by-the-user.txt');
        await field.press('Enter');
        await expect.poll(() => existsSync(join(inbox, 'typed-by-the-user.txt'))).toBe(true);
        expect(existsSync(join(inbox, second.file.name))).toBe(false);
        expect(h.core.ctx.store.tasks.feedbackFor(second.task)).toMatchObject({
          verdict: 'corrected',
          correction: { filename: 'typed-by-the-user.txt' },
        });

        // Undo the first rename from "Recently renamed".
        await h.page.getByRole('button', { name: `Undo renaming ${from} to ${to}` }).click();
        await expect.poll(() => existsSync(join(inbox, from))).toBe(true);
        expect(existsSync(join(inbox, to))).toBe(false);
        expect(h.core.ctx.store.tasks.feedbackFor(first.task)?.verdict).toBe('rejected');
        await expect.poll(() => h.page.getByTestId('notice').textContent()).toBe(`${to} is ${from} again.`);
        expect(h.problems).toEqual([]);
      } finally {
        await service.close();
      }
    },
    FLOW_TIMEOUT_MS,
  );
});
