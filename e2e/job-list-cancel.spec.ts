import { expect, test } from '@playwright/test';
import { createUser, mutateAsAdmin, signInAt } from './support/accounts';

const JOB_ID = 'e2e-cancel-me';

/** A small unbounded job of its own, so cancelling it leaves the sample job to other specs. */
const job = {
  id: JOB_ID,
  name: 'Cancel me',
  checkpointing: { intervalMs: 1000 },
  operators: [
    { uid: 'clicks', kind: 'datagen', config: { seed: 1, ratePerSecond: 100 } },
    { uid: 'sink', kind: 'blackhole' },
  ],
  edges: [{ from: 'clicks', to: 'sink' }],
};

test('the job list filters by name and status and sorts by column; an operator cancels a job', async ({
  page,
  request,
}) => {
  await mutateAsAdmin(request, 'jobs.submit', job);
  await signInAt(page, '/', await createUser(request, 'operator'));
  const rows = page.getByRole('table', { name: 'Jobs' }).locator('tbody tr');
  await expect(page.getByTestId(`job-row-${JOB_ID}`)).toContainText('running');

  const filters = page.getByRole('search', { name: 'Filter jobs' });
  await filters.getByRole('searchbox').fill('cancel');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-testid', `job-row-${JOB_ID}`);
  await filters.getByLabel('Status', { exact: true }).selectOption('FAILED');
  await expect(page.getByText('No job matches these filters')).toBeVisible();
  await filters.getByLabel('Status', { exact: true }).selectOption('RUNNING');
  await expect(rows).toHaveCount(1);

  // A column header sorts the list, and says in which order; clicked again, it turns it round.
  await filters.getByRole('searchbox').fill('');
  const table = page.getByRole('table', { name: 'Jobs' });
  const byName = table.getByRole('columnheader', { name: 'Name' });
  await expect(byName).toHaveAttribute('aria-sort', 'ascending');
  await byName.getByRole('button').click();
  await expect(byName).toHaveAttribute('aria-sort', 'descending');
  const names = await rows.locator('td:first-child a').allTextContents();
  expect(names.length).toBeGreaterThan(1);
  expect(names).toEqual(names.toSorted((a, b) => b.localeCompare(a)));
  await table.getByRole('button', { name: 'Restarts' }).click();
  await expect(table.getByRole('columnheader', { name: 'Restarts' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(byName).not.toHaveAttribute('aria-sort');

  await page.goto(`/jobs/${JOB_ID}/savepoints`);
  await page.getByRole('button', { name: 'Cancel job…' }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel job ${JOB_ID}?` });
  // Dismissing changes nothing.
  await dialog.getByRole('button', { name: 'Keep it running' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.job-header')).toContainText('running');
  await page.getByRole('button', { name: 'Cancel job…' }).click();
  await dialog.getByRole('button', { name: 'Cancel job' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.job-header')).toContainText('canceled', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Cancel job…' })).toBeDisabled();
});

test('a viewer cannot cancel a job', async ({ page, request }) => {
  await signInAt(page, '/jobs/clicks-per-user/savepoints', await createUser(request, 'viewer'));
  await expect(page.getByRole('button', { name: 'Cancel job…' })).toBeDisabled();
});
