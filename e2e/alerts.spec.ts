import { expect, test } from '@playwright/test';
import { adminAccount, signInAt } from './support/accounts';

test('an admin adds an alert rule; it fires on the dashboard and the overview', async ({
  page,
}) => {
  await signInAt(page, '/alerts', adminAccount());
  // Every job gets the default rules, among them "no checkpoint completed for N minutes".
  await expect(page.getByTestId('rule-row-clicks-per-user-checkpoint-stalled')).toBeVisible();

  // The sample job sends a few malformed records to the dead letters every second.
  const name = `e2e-dead-letters-${Date.now()}`;
  const form = page.getByRole('form', { name: 'Add alert rule' });
  await form.getByLabel('Rule name').fill(name);
  await form.getByLabel('Kind').selectOption('dead-letters');
  await form.getByLabel('Threshold').fill('1');
  await form.getByLabel('Window (min)').fill('1');
  await form.getByLabel('For (min)').fill('0');
  await form.getByLabel('Severity').selectOption('critical');
  await form.getByRole('button', { name: 'Add rule' }).click();
  const row = page.getByTestId(`rule-row-clicks-per-user-${name}`);
  await expect(row).toBeVisible();

  const firing = page.locator(`[data-testid="firing-alert"][data-rule="${name}"]`);
  await expect(firing).toBeVisible({ timeout: 30_000 });
  await expect(firing).toContainText('dead letters per minute');
  await expect(page.getByRole('table', { name: 'Alert history' })).toContainText(name);

  await page.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.locator(`[data-testid="firing-alert"][data-rule="${name}"]`)).toBeVisible();

  // Switched off, it resolves: leave the shared engine as we found it.
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await row.getByRole('button', { name: 'Switch off' }).click();
  await expect(page.locator(`[data-testid="firing-alert"][data-rule="${name}"]`)).toHaveCount(0, {
    timeout: 30_000,
  });
});
