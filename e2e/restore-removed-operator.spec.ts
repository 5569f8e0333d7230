import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type TestInfo, test } from '@playwright/test';
import { createUser, mutateAsAdmin, signInAt } from './support/accounts';

// Its own job, cancelled at the end: the shared sample job is left as it was for the specs after.
// One per run of the test (`--repeat-each`, retries): a cancelled job keeps its checkpoints, and a
// job submitted again under the same id would start from them, and list them in the wizard.
const jobIdOf = (info: TestInfo) =>
  `restore-removed-operator-${info.repeatEachIndex}-${info.retry}`;
const REMOVED = 'skip-home-page';
const SCREENSHOT = fileURLToPath(
  new URL('./artifacts/restore-removed-operator.png', import.meta.url),
);
const WIZARD_SCREENSHOT = fileURLToPath(
  new URL('./artifacts/restore-removed-operator-wizard.png', import.meta.url),
);

/**
 * A slow source, a stateless filter the new graph leaves out, then a keyed count. The rebalance
 * edge keeps the filter a vertex of its own, so its absence shows in the topology afterwards.
 */
const withFilter = (id: string) => ({
  id,
  name: 'Restore with an operator removed',
  parallelism: 1,
  // Retention deletes a checkpoint once `retained` newer ones complete: keep them all for the
  // length of the test, or the one chosen in the wizard may be gone by the time it confirms
  // (seen under the full suite's load).
  checkpointing: { intervalMs: 1_000, retained: 100 },
  operators: [
    { uid: 'clicks', kind: 'datagen', config: { seed: 7, ratePerSecond: 20 } },
    { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'page', 'ts'] } },
    { uid: REMOVED, kind: 'filter', config: { expression: 'record.page != "/p0"' } },
    {
      uid: 'count-per-user',
      kind: 'tumbling-count',
      config: { keyField: 'user', timeField: 'ts', sizeMs: 5_000 },
    },
    { uid: 'recent', kind: 'recent-results' },
  ],
  edges: [
    { from: 'clicks', to: 'parse' },
    { from: 'parse', to: REMOVED, partitioning: 'rebalance' },
    { from: REMOVED, to: 'count-per-user', partitioning: 'hash', keyField: 'user' },
    { from: 'count-per-user', to: 'recent' },
  ],
});

interface EditableSpec {
  operators: { uid: string }[];
  edges: { from: string; to: string }[];
}

/** The spec the wizard offers for editing, with the filter taken out and its edges joined. */
function withoutFilter(offered: string): string {
  const spec = JSON.parse(offered) as EditableSpec;
  spec.operators = spec.operators.filter((op) => op.uid !== REMOVED);
  spec.edges = spec.edges
    .filter((e) => e.to !== REMOVED)
    .map((e) => (e.from === REMOVED ? { ...e, from: 'parse' } : e));
  return JSON.stringify(spec, null, 2);
}

test('restore wizard: a changed graph without an operator restores once its state may be dropped', async ({
  page,
  request,
}, testInfo) => {
  const jobId = jobIdOf(testInfo);
  await mutateAsAdmin(request, 'jobs.submit', withFilter(jobId));
  try {
    await signInAt(page, `/jobs/${jobId}/checkpoints`, await createUser(request, 'operator'));
    const checkpoints = page.getByRole('table', { name: 'Checkpoints' });
    await expect(checkpoints.locator('tbody tr[data-status="COMPLETED"]').first()).toBeVisible({
      timeout: 30_000,
    });
    await page.getByRole('link', { name: 'Savepoints' }).click();

    await page.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: `Restore job ${jobId}` });
    const chosen = dialog
      .getByRole('group', { name: '1. Snapshot' })
      .getByRole('radio', { checked: true });
    await expect(chosen).toHaveAccessibleName(/^Checkpoint \d+/);
    const snapshotPath = (await chosen.getAttribute('value')) ?? '';
    expect(path.isAbsolute(snapshotPath)).toBe(true);

    const check = dialog.getByTestId('restore-check');
    const restore = dialog.getByRole('button', { name: 'Restore', exact: true });
    // The current graph is the default, and restores everything.
    await expect(dialog.getByRole('radio', { name: 'Keep the current graph' })).toBeChecked();
    await expect(check).toHaveAttribute('data-ok', 'true');

    await dialog.getByRole('radio', { name: 'Restore into a changed graph' }).check();
    const editor = dialog.getByRole('textbox', { name: 'Job spec (JSON)' });
    const offered = await editor.inputValue();
    expect(JSON.parse(offered)).toMatchObject({ id: jobId });

    // A broken edit is refused in words that name the field, before anything is asked of the
    // engine.
    await editor.fill(offered.replace('"intervalMs": 1000', '"intervalMs": "often"'));
    await expect(dialog.getByRole('alert')).toContainText('checkpointing.intervalMs:');
    await expect(editor).toHaveAttribute('aria-invalid', 'true');
    await expect(restore).toBeDisabled();

    await editor.fill(withoutFilter(offered));
    await expect(editor).toHaveAttribute('aria-invalid', 'false');
    await expect(check).toHaveAttribute('data-ok', 'false');
    await expect(check.getByRole('alert')).toContainText(`"${REMOVED}"`);
    await expect(check).toContainText(
      `State dropped (its operator is no longer in the job): ${REMOVED} (filter)`,
    );
    await expect(restore).toBeDisabled();

    await dialog.getByLabel(/Allow non-restored state/).check();
    await expect(check).toHaveAttribute('data-ok', 'true');
    // Allowed, not hidden: the operator still sees what will be lost.
    await expect(check).toContainText(
      `The restore can go ahead, but it drops the state of ${REMOVED} (filter).`,
    );
    await expect(check).toContainText(
      `State dropped (its operator is no longer in the job): ${REMOVED} (filter)`,
    );
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await check.scrollIntoViewIfNeeded();
    await dialog.screenshot({ path: WIZARD_SCREENSHOT });
    await restore.click();

    const progress = dialog.getByTestId('operation-progress');
    await expect(progress).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();

    const header = page.locator('.job-header');
    await expect(header.getByText('running')).toBeVisible({ timeout: 30_000 });
    await expect(header).toContainText(snapshotPath);
    // The changed graph is now the job's own: the filter is gone from its topology.
    await page.getByRole('link', { name: 'Topology' }).click();
    await expect(page.getByTestId('vertex-count-per-user')).toBeVisible();
    await expect(page.getByTestId(`vertex-${REMOVED}`)).toHaveCount(0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    await mutateAsAdmin(request, 'jobs.cancel', { jobId });
  }
});
