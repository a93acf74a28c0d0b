import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRETS_DIR, safeStorageSecretStore } from '../../src/main/safeStorageSecretStore';
import { fakeSafeStorage } from '../support/fakeSafeStorage';
import { pageHarness, screenshots } from './pageHarness';

const harness = pageHarness();
const KEY = 'sk-test-0123456789abcdef';

/** Preferences → Judge with the app's secret store (safeStorage behind its port) on the data folder. */
async function judgePane(keychain: { available?: boolean } = {}) {
  const launched = await harness.launch('preferences.html', {
    seed: () => null,
    size: { width: 680, height: 620 },
    services: (ref) => ({ secrets: safeStorageSecretStore(fakeSafeStorage(keychain), ref.ctx.dataDir) }),
  });
  await launched.page.getByRole('tab', { name: 'Judge' }).click();
  return launched;
}

describe('the cloud judge key in Preferences', () => {
  it('is kept encrypted in the data folder, never in config.yaml, never sent back to the page', async () => {
    const { page, bridge, dataDir, problems } = await judgePane();
    const pane = page.getByTestId('judge-key');
    await expect.poll(() => pane.getByRole('status').textContent()).toMatch(/No key stored/);

    await page.getByLabel('Cloud judge API key').fill('short');
    await page.getByRole('button', { name: 'Save Key' }).click();
    await expect.poll(() => pane.getByRole('alert').textContent()).toMatch(/at least 8 characters/);
    expect(existsSync(join(dataDir, SECRETS_DIR, 'judge-api-key.bin'))).toBe(false);

    await page.getByLabel('Cloud judge API key').fill(KEY);
    await page.getByRole('button', { name: 'Save Key' }).click();
    await expect
      .poll(() => pane.getByRole('status').textContent())
      .toMatch(/A key is stored in the system keychain/);
    expect(await page.getByLabel('Cloud judge API key').inputValue()).toBe('');
    await page.screenshot({ path: join(screenshots, 'preferences-judge-key-light.png') });

    // The cloud judge reads it through the same store; the file and config.yaml never hold it in clear.
    const store = safeStorageSecretStore(fakeSafeStorage(), dataDir);
    expect(await store.get('judge-api-key')).toBe(KEY);
    expect(await store.get('judge-api-key-origin')).toBe('https://api.openai.com');
    expect(readFileSync(join(dataDir, SECRETS_DIR, 'judge-api-key.bin'), 'latin1')).not.toContain(KEY);
    const config = join(dataDir, 'config.yaml');
    if (existsSync(config)) expect(readFileSync(config, 'utf8')).not.toContain(KEY);

    await page.reload();
    await page.getByRole('tab', { name: 'Judge' }).click();
    await expect.poll(() => pane.getByRole('status').textContent()).toMatch(/A key is stored/);
    await pane.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => pane.getByRole('status').textContent()).toMatch(/No key stored/);
    expect(await store.get('judge-api-key')).toBeNull();

    const answers = await Promise.all(
      bridge.calls
        .filter((c) => c.channel === 'judge:key-status')
        .map(() => bridge.handlers.getJudgeKey(undefined)),
    );
    expect(JSON.stringify(answers)).not.toContain(KEY);
    expect(problems).toEqual([]);
  });

  it('without a usable keychain says so and stores nothing', async () => {
    const { page, dataDir } = await judgePane({ available: false });
    await page.getByLabel('Cloud judge API key').fill(KEY);
    await page.getByRole('button', { name: 'Save Key' }).click();
    await expect
      .poll(() => page.getByTestId('judge-key').getByRole('alert').textContent())
      .toMatch(/the system keychain is not available, so tinyArms cannot store the key safely/);
    expect(existsSync(join(dataDir, SECRETS_DIR, 'judge-api-key.bin'))).toBe(false);
  });
});
