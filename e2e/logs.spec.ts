import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';
import { leaderOnPage } from './support/failover';

const SCREENSHOT = fileURLToPath(new URL('./artifacts/logs.png', import.meta.url));

const newestSeq = async (lines: Locator) =>
  Number(await lines.getByRole('listitem').first().getAttribute('data-seq'));

test("a job's Logs tab filters by level and text and follows new lines live", async ({
  page,
  request,
}) => {
  await signInAt(page, '/jobs/clicks-per-user/logs', await createUser(request, 'viewer'));
  await expect(page.getByRole('link', { name: 'Logs', exact: true })).toBeVisible();
  const lines = page.getByRole('list', { name: 'Log lines' });
  // The job's checkpoints (every second in these tests), each a line about the job.
  await expect(
    lines.getByRole('listitem').filter({ hasText: 'snapshot completed' }).first(),
  ).toBeVisible();

  // Warnings and worse only: no info line is left.
  const level = page.getByRole('combobox', { name: 'Level' });
  await level.selectOption('warn');
  await expect(lines.locator('li[data-level="info"]')).toHaveCount(0);
  await expect(lines.locator('li[data-level="debug"]')).toHaveCount(0);
  await level.selectOption('info');
  await expect(lines.locator('li[data-level="info"]').first()).toBeVisible();

  // Text, case-insensitive.
  await page.getByRole('searchbox', { name: 'Text' }).fill('SNAPSHOT Completed');
  await expect(lines.getByRole('listitem').first()).toContainText('snapshot completed');
  await expect(
    lines.getByRole('listitem').filter({ hasNotText: 'snapshot completed' }),
  ).toHaveCount(0);

  // Following: newer lines arrive on top without reloading.
  const before = await newestSeq(lines);
  const countBefore = await lines.getByRole('listitem').count();
  await page.getByRole('checkbox', { name: 'Follow' }).check();
  await expect(page.getByTestId('logs-count')).toContainText('following');
  await expect.poll(() => newestSeq(lines), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect
    .poll(() => lines.getByRole('listitem').count(), { timeout: 30_000 })
    .toBeGreaterThan(countBefore);
  await expect(
    lines.getByRole('listitem').filter({ hasNotText: 'snapshot completed' }),
  ).toHaveCount(0);

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test("an instance's logs open from the instances table, the standby's too", async ({
  page,
  request,
}) => {
  await signInAt(page, '/', await createUser(request, 'viewer'));
  const rows = page.getByRole('table', { name: 'Instances' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const leader = await leaderOnPage(page);
  const ids = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim());
  const standby = ids.find((id) => id !== leader) as string;

  await page.getByRole('link', { name: `Logs of ${standby}` }).click();
  await expect(page.getByRole('heading', { name: `Logs of ${standby}` })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Text' }).fill('API listening');
  const lines = page.getByRole('list', { name: 'Log lines' });
  await expect(lines.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('logs-count')).toContainText(`from ${standby}`);

  // The selector switches to the leader's lines.
  await page.getByRole('combobox', { name: 'Instance' }).selectOption(leader);
  await expect(page.getByTestId('logs-count')).toContainText(`from ${leader}`);
  await expect(lines.getByRole('listitem')).toHaveCount(1);
});
