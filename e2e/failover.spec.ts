import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';
import { failOver, leaderOnPage } from './support/failover';

const SCREENSHOT = fileURLToPath(new URL('./artifacts/failover.png', import.meta.url));

test('failover moves the leader badge to the other instance, and back', async ({
  page,
  request,
}) => {
  await signInAt(page, '/', await createUser(request, 'operator'));
  await expect(page.getByRole('table', { name: 'Instances' }).locator('tbody tr')).toHaveCount(2);
  const first = await leaderOnPage(page);
  await expect(page.getByTestId('leader-badge')).toHaveText(`Leader: ${first}`);

  const second = await failOver(page, first);
  await expect(page.getByTestId('leader-badge')).toHaveText(`Leader: ${second}`);
  expect(await leaderOnPage(page)).toBe(second);
  const changes = page.getByRole('table', { name: 'Recent leader changes' });
  await expect(changes.locator('tbody tr').first()).toContainText('operator failover');
  // The job runs again on the new leader.
  await expect(page.getByTestId('job-row-clicks-per-user')).toContainText('running');

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // Back where it started, so the specs after this one meet the cluster as they expect it.
  const third = await failOver(page, second);
  expect(third).toBe(first);
  await expect(page.getByTestId('leader-badge')).toHaveText(`Leader: ${first}`);
});

test('a viewer cannot fail over', async ({ page, request }) => {
  await signInAt(page, '/', await createUser(request, 'viewer'));
  await expect(page.getByRole('button', { name: 'Fail over leader…' })).toBeDisabled();
});
