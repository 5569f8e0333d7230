import { expect, type Page } from '@playwright/test';

/** The instance the cluster panel marks as leader. */
export async function leaderOnPage(page: Page): Promise<string> {
  const row = page.getByRole('table', { name: 'Instances' }).locator('tbody tr', {
    has: page.getByTestId('instance-leader'),
  });
  await expect(row).toHaveCount(1);
  return ((await row.locator('td').first().textContent()) ?? '').trim();
}

/** Moves leadership away from `from` through the console; returns the new leader. */
export async function failOver(page: Page, from: string): Promise<string> {
  await page.getByRole('button', { name: 'Fail over leader…' }).click();
  const dialog = page.getByRole('dialog', { name: `Move leadership away from ${from}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Fail over' }).click();
  const result = dialog.getByTestId('failover-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toContainText(`was ${from}`);
  const newLeader = ((await result.locator('.mono').first().textContent()) ?? '').trim();
  expect(newLeader).not.toBe(from);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return newLeader;
}
