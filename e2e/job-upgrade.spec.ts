import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { type JobSpec, sampleJobSpec } from '@weir/contract';
import { createUser, mutateAsAdmin, queryAsAdmin, signInAt } from './support/accounts';

// Upgrades, versions and savepoint schedules in the console (issue 20): a job of its own is
// edited and upgraded through a dry run, shown as numbered versions with a diff, made to fail
// an upgrade so that it rolls back, and given a savepoint policy; a viewer may do none of it.
const DRY_RUN_SCREENSHOT = fileURLToPath(
  new URL('./artifacts/upgrade-dry-run.png', import.meta.url),
);
const DIFF_SCREENSHOT = fileURLToPath(new URL('./artifacts/version-diff.png', import.meta.url));

const JOB_ID = `upgrade-demo-${randomBytes(3).toString('hex')}`;
const JOB_PATH = `/clusters/embedded/jobs/${JOB_ID}`;

/** Version 1: the sample job under an id of its own, checkpointing every second. */
const v1: JobSpec = {
  ...sampleJobSpec({ ratePerSecond: 100, seed: 7, checkpointIntervalMs: 1000 }),
  id: JOB_ID,
  name: 'Upgrade demo',
};

/**
 * Version 2, from the spec as it runs (the engine pinned the source's start time): 5 s windows
 * instead of 10 s, and a sink more behind the window.
 */
const upgraded = (running: JobSpec): JobSpec => ({
  ...running,
  operators: [
    ...running.operators.map((op) =>
      op.uid === 'count-per-user' ? { ...op, config: { ...op.config, sizeMs: 5000 } } : op,
    ),
    { uid: 'audit', kind: 'blackhole', config: {} },
  ] as JobSpec['operators'],
  edges: [...running.edges, { from: 'count-per-user', to: 'audit', partitioning: 'forward' }],
});

/** Version 3 runs, but its first checkpoint would come after an hour: it cannot prove itself. */
const unprovable = (running: JobSpec): JobSpec => ({
  ...running,
  checkpointing: { ...running.checkpointing, intervalMs: 3_600_000 },
});

/** The job's spec as the engine runs it, as the upgrade page's editor starts from it. */
const runningSpec = async (request: APIRequestContext) =>
  (
    await queryAsAdmin<{ spec: JobSpec }>(request, 'jobs.get', {
      cluster: 'embedded',
      jobId: JOB_ID,
    })
  ).spec;

// One job, taken through its versions in order: a later test needs what an earlier one did.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await mutateAsAdmin(request, 'jobs.submit', v1);
});

test.afterAll(async ({ request }) => {
  await mutateAsAdmin(request, 'jobs.cancel', { jobId: JOB_ID }).catch(() => {});
});

/** Replaces the whole text of the upgrade page's editor with `spec`, as pasted. */
async function pasteSpec(page: Page, spec: JobSpec) {
  const editor = page.getByRole('textbox', { name: 'Job spec (JSON)' });
  // Prefilled with the running spec first: pasting before it arrives would be overwritten.
  await expect(editor).toContainText(`"id": "${JOB_ID}"`);
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(JSON.stringify(spec, null, 2));
  await expect(page.getByTestId('spec-problems')).toBeHidden();
}

/** Opens the upgrade page from the job's header, as an operator would. */
async function openUpgrade(page: Page) {
  await page.getByRole('button', { name: 'Edit and upgrade…' }).click();
  await expect(page).toHaveURL(new RegExp(`${JOB_PATH}/upgrade$`));
}

test('an operator edits the job, reads the dry run, upgrades it and compares the versions', async ({
  page,
  request,
}) => {
  await signInAt(page, `${JOB_PATH}/versions`, await createUser(request, 'operator'));
  await expect(page.locator('.job-header')).toContainText('running', { timeout: 30_000 });
  const versions = page.getByRole('table', { name: 'Versions' });
  // One version for one submit: a second one here is the engine recording the running spec
  // on a read (jobs.versions) while the submit records it too.
  await expect(versions.locator('tbody tr'), 'versions of a job just submitted').toHaveCount(1);
  await expect(page.getByTestId('version-row-1')).toContainText('submitted');
  await expect(page.getByTestId('version-row-1')).toHaveAttribute('data-current', 'true');

  await openUpgrade(page);
  await pasteSpec(page, upgraded(await runningSpec(request)));
  await page.getByLabel('Comment (why, for the version history)').fill('5 s windows, audit sink');
  const upgrade = page.getByRole('button', { name: 'Upgrade', exact: true });
  // Only a dry run of what is on screen lets the upgrade go ahead.
  await expect(upgrade).toBeDisabled();
  await page.getByRole('button', { name: 'Dry run' }).click();
  const check = page.getByTestId('upgrade-check');
  await expect(check).toHaveAttribute('data-ok', 'true');
  const changes = check.getByTestId('spec-changes');
  await expect(changes).toContainText('Changed: count-per-user (tumbling-count): config.sizeMs.');
  await expect(changes).toContainText('New operators, starting empty: audit (blackhole).');
  await expect(changes).toContainText('Job settings changed: edges.');
  // Nothing else: the source keeps the start time the engine pinned for it.
  await expect(changes.locator('li')).toHaveCount(3);
  await expect(check).toContainText(/Compared with checkpoint \d+/);
  await expect(check.getByTestId('restore-check')).toContainText('count-per-user (parallelism 2)');
  mkdirSync(path.dirname(DRY_RUN_SCREENSHOT), { recursive: true });
  await page.screenshot({ path: DRY_RUN_SCREENSHOT, fullPage: true });

  await upgrade.click();
  // The versions open; the upgrade's phases show above them, and again after a reload.
  await expect(page).toHaveURL(new RegExp(`${JOB_PATH}/versions$`));
  const recent = page.getByTestId('recent-operation');
  await expect(recent).toContainText('Upgrade started at');
  await page.reload();
  await expect(recent).toContainText('Upgrade started at');
  const progress = recent.getByTestId('operation-progress');
  await expect(progress).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 60_000 });
  for (const phase of ['taking savepoint', 'checking', 'verifying', 'done']) {
    await expect(progress.locator('.phases')).toContainText(phase);
  }

  const second = page.getByTestId('version-row-2');
  await expect(second).toHaveAttribute('data-current', 'true');
  await expect(second).toContainText('upgrade');
  await expect(second).toContainText('5 s windows, audit sink');
  // Started from the savepoint the job took as it stopped.
  await expect(second.locator('code')).toContainText('/savepoints/');
  await expect(page.getByTestId('version-row-1')).not.toHaveAttribute('data-current', 'true');

  await versions.getByLabel('Compare version 1').check();
  await versions.getByLabel('Compare version 2').check();
  const diff = page.getByRole('table', { name: 'Spec of version 1 beside version 2' });
  await expect(
    diff.locator('[data-change="diff-removed"]', { hasText: '"sizeMs": 10000' }),
  ).toHaveCount(1);
  await expect(
    diff.locator('[data-change="diff-added"]', { hasText: '"sizeMs": 5000' }),
  ).toHaveCount(1);
  await expect(
    diff.locator('[data-change="diff-added"]', { hasText: '"uid": "audit"' }),
  ).toHaveCount(1);
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: DIFF_SCREENSHOT, fullPage: true });
});

test('an upgrade that completes no checkpoint in time is rolled back, and the page says why', async ({
  page,
  request,
}) => {
  await signInAt(page, `${JOB_PATH}/configuration`, await createUser(request, 'operator'));
  await openUpgrade(page);
  await pasteSpec(page, unprovable(await runningSpec(request)));
  await page.getByLabel('Roll back automatically after').fill('5');
  await page.getByRole('button', { name: 'Dry run' }).click();
  const check = page.getByTestId('upgrade-check');
  await expect(check).toHaveAttribute('data-ok', 'true');
  await expect(check).toContainText('Job settings changed: checkpointing.intervalMs.');
  await page.getByRole('button', { name: 'Upgrade', exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`${JOB_PATH}/versions$`));
  const rolledBack = page.getByTestId('recent-operation').getByTestId('rolled-back');
  await expect(rolledBack).toBeVisible({ timeout: 60_000 });
  await expect(rolledBack).toContainText('The upgrade was rolled back');
  await expect(rolledBack).toContainText(
    'version 3 did not prove itself: it ran but completed no checkpoint within 5000 ms',
  );
  await expect(rolledBack).toContainText('rolled back to version 2 from');

  const third = page.getByTestId('version-row-3');
  await expect(third).toContainText('rolled back');
  await expect(third.getByTestId('rollback-reason')).toContainText(
    'ran but completed no checkpoint within 5000 ms',
  );
  await expect(page.getByTestId('version-row-2')).toHaveAttribute('data-current', 'true');
  await expect(page.locator('.job-header')).toContainText('running');
});

test('an operator rolls the job back to its first version from the versions tab', async ({
  page,
  request,
}) => {
  await signInAt(page, `${JOB_PATH}/versions`, await createUser(request, 'operator'));
  // What runs now has nothing to roll back to.
  await expect(
    page.getByTestId('version-row-2').getByRole('button', { name: /Roll back/ }),
  ).toHaveCount(0);
  await page
    .getByTestId('version-row-1')
    .getByRole('button', { name: 'Roll back to this version…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Roll back job ${JOB_ID} to version 1?` });
  await dialog.getByLabel('Comment (why, for the version history)').fill('back to 10 s windows');
  const confirm = dialog.getByRole('button', { name: 'Roll back', exact: true });
  await confirm.click();
  // Version 1 has no audit sink: its state may go only when the operator says so.
  await expect(dialog.getByRole('alert')).toContainText(
    'The rollback was not started. upgrade refused: the snapshot holds state for "audit"',
  );
  await dialog.getByLabel(/Allow non-restored state/).check();
  await confirm.click();
  await expect(dialog.getByTestId('operation-progress')).toHaveAttribute(
    'data-status',
    'SUCCEEDED',
    { timeout: 60_000 },
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  const fourth = page.getByTestId('version-row-4');
  await expect(fourth).toHaveAttribute('data-current', 'true');
  await expect(fourth).toContainText('rollback to version 1');
  await expect(fourth).toContainText('back to 10 s windows');
  await expect(fourth.locator('code')).toContainText('/savepoints/');
});

test('savepoints show their version, can be kept and given back; the policy reads back', async ({
  page,
  request,
}) => {
  const operator = await createUser(request, 'operator');
  await signInAt(page, `${JOB_PATH}/savepoints`, operator);
  const table = page.getByRole('table', { name: 'Savepoints' });
  const rows = table.locator('tbody tr');
  // The two upgrades and the rollback each took a savepoint as the job stopped: the oldest
  // while version 1 ran, the others while version 2 did (version 3, rolled back in between,
  // ran at neither time).
  await expect(rows).toHaveCount(3);
  const versionCell = (row: number) => rows.nth(row).locator('td').nth(3);
  await expect(versionCell(0)).toHaveText('2');
  await expect(versionCell(1)).toHaveText('2');
  await expect(versionCell(2)).toHaveText('1');

  const newest = rows.nth(0);
  await newest.getByRole('button', { name: 'Keep' }).click();
  await expect(newest).toContainText(operator.username);
  // Kept: it cannot be disposed of until it is given back.
  await expect(newest.getByRole('button', { name: 'Dispose…' })).toHaveCount(0);
  await newest.getByRole('button', { name: 'Give back' }).click();
  await expect(newest.getByRole('button', { name: 'Dispose…' })).toBeVisible();
  await expect(newest).not.toContainText(operator.username);

  const policy = page.getByRole('form', { name: 'Savepoint schedule and retention' });
  await policy.getByLabel('Savepoint every (hours)').fill('6');
  await policy.getByLabel('Keep the newest (savepoints)').fill('5');
  await policy.getByLabel('Keep for (days)').fill('7');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  const stated = page.getByTestId('savepoint-policy');
  await expect(stated).toContainText(
    'A savepoint every 6 hours while the job runs; the newest 5 savepoints are kept, none older than 7 days.',
  );
  await expect(stated).toContainText(`Set by ${operator.username}`);

  await page.reload();
  await expect(stated).toContainText(`Set by ${operator.username}`);
  await expect(policy.getByLabel('Savepoint every (hours)')).toHaveValue('6');
  await expect(policy.getByLabel('Keep the newest (savepoints)')).toHaveValue('5');
  await expect(policy.getByLabel('Keep for (days)')).toHaveValue('7');
});

test('a viewer sees upgrading, rolling back and keeping disabled, saying why', async ({
  page,
  request,
}) => {
  await signInAt(page, `${JOB_PATH}/versions`, await createUser(request, 'viewer'));
  const reason = 'Needs the operator role';
  const edit = page.getByRole('button', { name: 'Edit and upgrade…' });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription(reason);
  const rollBack = page
    .getByTestId('version-row-1')
    .getByRole('button', { name: 'Roll back to this version…' });
  await expect(rollBack).toBeDisabled();
  await expect(rollBack).toHaveAccessibleDescription(reason);

  await page.getByRole('link', { name: 'Savepoints' }).click();
  const keep = page
    .getByRole('table', { name: 'Savepoints' })
    .getByRole('button', { name: 'Keep' })
    .first();
  await expect(keep).toBeDisabled();
  await expect(keep).toHaveAccessibleDescription(reason);
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
});
