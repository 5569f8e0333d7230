import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';
import { failOver, leaderOnPage } from './support/failover';

const SCREENSHOT = fileURLToPath(new URL('./artifacts/timeline.png', import.meta.url));

test('the job timeline keeps what happened before a failover and shows the takeover', async ({
  page,
  request,
}) => {
  await signInAt(page, '/', await createUser(request, 'operator'));
  await expect(page.getByRole('table', { name: 'Instances' }).locator('tbody tr')).toHaveCount(2);
  const first = await leaderOnPage(page);
  const second = await failOver(page, first);

  await page.goto('/jobs/clicks-per-user/timeline');
  const timeline = page.getByRole('list', { name: 'Timeline' });
  // The takeover by the new leader, and the first leader's start of the job before it.
  await expect(
    timeline.getByRole('listitem').filter({ hasText: 'recovered by a new leader' }).first(),
  ).toContainText(`on ${second}`);
  await expect(
    timeline
      .getByRole('listitem')
      .filter({ hasText: 'CREATED → RUNNING' })
      .filter({
        hasText: `on ${first}`,
      }),
  ).not.toHaveCount(0);

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // Filtering to leader events leaves only takeovers.
  for (const kind of [
    'status',
    'exception',
    'checkpoint',
    'savepoint',
    'operation',
    'action',
    'alert',
  ])
    await page.getByRole('checkbox', { name: kind, exact: true }).uncheck();
  const items = timeline.getByRole('listitem');
  await expect(items.filter({ hasNotText: 'recovered by a new leader' })).toHaveCount(0);
  await expect(items).not.toHaveCount(0);

  // Back where it started, so the specs after this one meet the cluster as they expect it.
  await page.goto('/');
  expect(await failOver(page, second)).toBe(first);
});
