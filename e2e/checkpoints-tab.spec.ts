import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/checkpoints-tab.png', import.meta.url));

test('checkpoints tab: counts, configuration, and duration next to alignment', async ({
  page,
  request,
}) => {
  await signInAt(page, `/jobs/${JOB_ID}/checkpoints`, await createUser(request, 'viewer'));

  // The engine checkpoints every second in this setup (WEIR_CHECKPOINT_INTERVAL_MS).
  const settings = page.getByTestId('checkpoint-settings');
  await expect(settings.getByText('Interval', { exact: true })).toBeVisible();
  await expect(settings).toContainText('1.00 s');
  await expect(settings).toContainText('Maximum concurrent checkpoints');
  await expect(settings).toContainText('Retained when cancelled');

  const counts = page.getByTestId('count-completed');
  await expect
    .poll(async () => Number((await counts.textContent())?.replace(/\D/g, '') ?? 0), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('checkpoint-counts')).toContainText('Failed');
  await expect(page.getByTestId('checkpoint-counts')).toContainText('In progress');

  const timing = page.getByRole('figure', {
    name: 'Checkpoint duration and alignment time over time',
  });
  await expect(timing).toBeVisible();
  await expect(timing.getByText('Alignment, slowest subtask (ms)')).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Checkpoint size over time' })).toBeVisible();

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});
