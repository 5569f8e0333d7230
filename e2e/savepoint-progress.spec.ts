import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/savepoint-progress.png', import.meta.url));

test('a savepoint triggered before a reload is still followed to its end after it', async ({
  page,
  request,
}) => {
  await signInAt(page, `/jobs/${JOB_ID}?tab=savepoints`, await createUser(request, 'operator'));
  const table = page.getByRole('table', { name: 'Savepoints' });
  await expect(page.getByRole('button', { name: 'Trigger savepoint' })).toBeEnabled();
  const before = await table.locator('tbody tr').count();

  await page.getByRole('button', { name: 'Trigger savepoint' }).click();
  // Reload only once the engine has the savepoint (listed, in progress or done): a reload
  // before the call arrived would leave nothing to follow.
  await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(before);
  await page.reload();

  // The reloaded page has no answer to its call; it learns the end from the trigger's status.
  const success = page.getByTestId('savepoint-success');
  await expect(success).toBeVisible({ timeout: 60_000 });
  const savepointPath = (await page.getByTestId('savepoint-success-path').textContent())?.trim();
  expect(path.isAbsolute(savepointPath ?? '')).toBe(true);
  await expect(table.locator('tbody tr', { hasText: savepointPath })).toHaveAttribute(
    'data-status',
    'COMPLETED',
  );
  await expect(page.getByRole('button', { name: 'Trigger savepoint' })).toBeEnabled();

  // Once seen to end, it is not followed again after another reload.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Trigger savepoint' })).toBeEnabled();
  await expect(success).toBeHidden();

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.getByRole('button', { name: 'Trigger savepoint' }).click();
  await expect(success).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});
