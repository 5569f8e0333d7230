import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/rescale.png', import.meta.url));

test('rescale 2 -> 3 through the dialog, and the topology shows the new parallelism', async ({
  page,
  request,
}) => {
  await signInAt(page, `/jobs/${JOB_ID}/topology`, await createUser(request, 'operator'));

  const parallelisms = page.locator('[data-testid^="vertex-"] .vertex-par');
  await expect.poll(() => parallelisms.count()).toBeGreaterThanOrEqual(3);
  await expect(parallelisms.first()).toHaveText('×2');

  await page.getByRole('button', { name: 'Rescale…' }).click();
  const dialog = page.getByRole('dialog', { name: `Rescale job ${JOB_ID}` });
  await expect(dialog).toBeVisible();
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  // A parallelism above the job's maximum (from the API) is refused before anything is sent.
  const field = dialog.getByLabel('New parallelism');
  await field.fill('1000');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Choose a whole number from 1 to 128');
  await expect(dialog.getByRole('button', { name: 'Rescale', exact: true })).toBeDisabled();
  await expect(dialog.getByTestId('operation-progress')).toHaveCount(0);
  await expect(parallelisms.first()).toHaveText('×2');
  await page.screenshot({
    path: fileURLToPath(new URL('./artifacts/rescale-refused.png', import.meta.url)),
  });

  await field.fill('3');
  await dialog.getByRole('button', { name: 'Rescale', exact: true }).click();

  // The dialog follows the operation through its phases until it ends.
  const progress = dialog.getByTestId('operation-progress');
  await expect(progress).toHaveAttribute('data-status', /RUNNING|SUCCEEDED/);
  const operationId = await page.getByTestId('recent-operation').getAttribute('data-operation-id');

  // A reload loses the dialog, not the operation: the page finds it through the engine.
  await page.reload();
  const recent = page.getByTestId('recent-operation');
  await expect(recent).toHaveAttribute('data-operation-id', operationId ?? '');
  await expect(recent.getByTestId('operation-progress')).toHaveAttribute(
    'data-status',
    'SUCCEEDED',
    { timeout: 60_000 },
  );
  await expect(recent.locator('.phases li').first()).toBeVisible();
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  await expect(async () => {
    const shown = await parallelisms.allTextContents();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const text of shown) expect(text).toBe('×3');
  }).toPass({ timeout: 30_000 });
  await expect(page.locator('.job-header')).toContainText('running');
});
