import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

// Stops the sample job (and restores it after), so this file must stay the last to touch it:
// specs run in file order, and the tests in a file one after another.
const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/stop-with-savepoint.png', import.meta.url));

test('stop with savepoint: the job finishes and the savepoint is listed', async ({
  page,
  request,
}) => {
  await signInAt(page, `/jobs/${JOB_ID}/savepoints`, await createUser(request, 'operator'));
  const header = page.locator('.job-header');
  await expect(header).toContainText('running');

  await page.getByRole('button', { name: 'Stop with savepoint…' }).click();
  const dialog = page.getByRole('dialog', { name: `Stop job ${JOB_ID} with a savepoint?` });
  await expect(dialog).toBeVisible();
  // Cancelling changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(header).toContainText('running');

  await page.getByRole('button', { name: 'Stop with savepoint…' }).click();
  await expect(dialog.getByLabel(/Drain first/)).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Stop job' }).click();

  const success = page.getByTestId('stop-success');
  await expect(success).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toBeHidden();
  await expect(header.getByText('finished')).toBeVisible({ timeout: 30_000 });

  const savepointPath = (await success.locator('code').textContent())?.trim() ?? '';
  expect(path.isAbsolute(savepointPath)).toBe(true);
  expect(existsSync(savepointPath)).toBe(true);
  const row = page.getByRole('table', { name: 'Savepoints' }).locator('tbody tr', {
    hasText: savepointPath,
  });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'COMPLETED');
  // Nothing to take a savepoint of any more.
  await expect(page.getByRole('button', { name: 'Trigger savepoint' })).toBeDisabled();

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('restore wizard: the stopped job runs again from its savepoint', async ({ page, request }) => {
  await signInAt(page, `/jobs/${JOB_ID}/savepoints`, await createUser(request, 'operator'));
  const header = page.locator('.job-header');
  await expect(header.getByText('finished')).toBeVisible();

  await page.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: `Restore job ${JOB_ID}` });
  await expect(dialog).toBeVisible();
  // The newest snapshot, the savepoint the job stopped at, is preselected.
  const chosen = dialog
    .getByRole('group', { name: '1. Snapshot' })
    .getByRole('radio', { checked: true });
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toHaveAccessibleName(/^Savepoint \d+/);

  const check = dialog.getByTestId('restore-check');
  await expect(check).toHaveAttribute('data-ok', 'true');
  await expect(check).toContainText('State restored for');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  const progress = dialog.getByTestId('operation-progress');
  await expect(progress).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 60_000 });
  await page.screenshot({
    path: fileURLToPath(new URL('./artifacts/restore-wizard.png', import.meta.url)),
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(header.getByText('running')).toBeVisible({ timeout: 30_000 });
});
