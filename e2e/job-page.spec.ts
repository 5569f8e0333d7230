import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/job-page.png', import.meta.url));

test('job page: live topology, checkpoints, and a savepoint that lands on disk', async ({
  page,
  request,
}) => {
  // Taking a savepoint needs the operator role.
  await signInAt(page, '/', await createUser(request, 'operator'));

  const jobs = page.getByRole('table', { name: 'Jobs' });
  const jobRow = jobs.getByTestId(`job-row-${JOB_ID}`);
  await expect(jobRow).toBeVisible();
  await expect(jobRow.getByText('running')).toBeVisible();
  await expect(page.getByTestId('cluster-id')).not.toBeEmpty();

  // The job opens on its first tab.
  await jobRow.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${JOB_ID}/topology$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Topology: every vertex drawn, and each one has carried records once the job warms up
  // (totals, not rates: sinks only see records when a 10 s window fires).
  const vertices = page.locator('[data-testid^="vertex-"]');
  await expect.poll(() => vertices.count()).toBeGreaterThanOrEqual(3);
  await expect(async () => {
    const totals = await vertices.evaluateAll((nodes) =>
      nodes.map((node) => Number(node.getAttribute('data-records') ?? 0)),
    );
    expect(totals.length).toBeGreaterThanOrEqual(3);
    for (const total of totals) expect(total).toBeGreaterThan(0);
  }).toPass({ timeout: 40_000 });

  // Each view is a tab with a route of its own, so a reload (or a shared link) keeps it.
  const tabs = page.getByRole('navigation', { name: 'Job views' });
  await tabs.getByRole('link', { name: 'Checkpoints' }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${JOB_ID}/checkpoints$`));
  await page.reload();
  await expect(tabs.getByRole('link', { name: 'Checkpoints' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // The engine checkpoints every second in this setup.
  const checkpoints = page.getByRole('table', { name: 'Checkpoints' });
  await expect(checkpoints.locator('tbody tr[data-status="COMPLETED"]').first()).toBeVisible({
    timeout: 30_000,
  });

  // A checkpoint's detail lists every subtask's acknowledgement.
  await checkpoints
    .locator('tbody tr[data-status="COMPLETED"]')
    .first()
    .getByRole('button')
    .click();
  await expect(
    page
      .getByRole('table', { name: /^Subtask acknowledgements of checkpoint/ })
      .locator('tbody tr')
      .first(),
  ).toBeVisible();

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({
    path: fileURLToPath(new URL('./artifacts/job-checkpoints.png', import.meta.url)),
    fullPage: true,
  });

  await tabs.getByRole('link', { name: 'Savepoints' }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${JOB_ID}/savepoints$`));
  const savepoints = page.getByRole('table', { name: 'Savepoints' });
  // Count existing rows only once the list has loaded (a fresh engine has none).
  await expect(savepoints.or(page.getByText('No savepoints yet'))).toBeVisible();
  const savepointRows = savepoints.locator('tbody tr');
  const before = await savepointRows.count();

  // A fast savepoint may show its progress state only briefly, so record whether the
  // button ever went busy and disabled instead of racing to look at it.
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      const button = document.querySelector('button[aria-busy="true"]');
      if (button instanceof HTMLButtonElement && button.disabled) {
        w.sawProgress ||= button.textContent?.includes('Taking savepoint') ?? false;
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });

  await page.getByRole('button', { name: 'Trigger savepoint' }).click();
  const success = page.getByTestId('savepoint-success');
  await expect(success).toBeVisible({ timeout: 60_000 });
  // A status poll that reached the engine before the trigger itself is no lost savepoint.
  await expect(page.getByText('The engine no longer knows')).toHaveCount(0);
  const successPath =
    (await page.getByTestId('savepoint-success-path').textContent())?.trim() ?? '';
  expect(successPath).not.toBe('');
  expect(
    await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress),
  ).toBe(true);
  await expect(page.getByRole('button', { name: 'Trigger savepoint' })).toBeEnabled();

  // The new savepoint shows up in the table, with the same path.
  await expect(savepointRows).toHaveCount(before + 1);
  const newRow = savepointRows.filter({ hasText: successPath });
  await expect(newRow).toHaveCount(1);
  await expect(newRow).toHaveAttribute('data-status', 'COMPLETED');
  const tablePath = (await newRow.getByTestId('snapshot-path').textContent())?.trim() ?? '';
  expect(tablePath).toBe(successPath);

  // The engine runs on this machine, so the path the UI shows must exist on disk.
  expect(path.isAbsolute(tablePath)).toBe(true);
  expect(existsSync(tablePath)).toBe(true);
  expect(existsSync(path.join(tablePath, '_metadata'))).toBe(true);

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('a link from before the tabs were routes (`?tab=`) still opens its tab', async ({
  page,
  request,
}) => {
  await signInAt(page, `/jobs/${JOB_ID}/topology`, await createUser(request, 'viewer'));
  await page.goto(`/jobs/${JOB_ID}?tab=savepoints`);
  await expect(page).toHaveURL(new RegExp(`/jobs/${JOB_ID}/savepoints$`));
  const tabs = page.getByRole('navigation', { name: 'Job views' });
  await expect(tabs.getByRole('link', { name: 'Savepoints' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});
