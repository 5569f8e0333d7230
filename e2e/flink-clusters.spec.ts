import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { adminAccount, createUser, mutateAsAdmin, signInAt } from './support/accounts';
import { type FlinkWithExample, startFlinkWithExample } from './support/flink';

// A real Flink cluster registered in the console next to the embedded engine (issue 18): the
// same pages serve its job, its actions go through the same roles, and a JobManager that stops
// answering is said to be unreachable on every page of it.
const CLUSTER = 'flink-e2e';
const SCREENSHOTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let started: FlinkWithExample | undefined;
const running = () => {
  if (!started) throw new Error('the Flink cluster did not start');
  return started;
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Maven-resolved jars on a first run, then two JVMs on a shared 2-core machine.
  test.setTimeout(240_000);
  started = await startFlinkWithExample();
});

test.afterAll(async ({ request }) => {
  test.setTimeout(60_000);
  // Forgotten before it stops, so no later spec's page waits on a cluster that is gone.
  await mutateAsAdmin(request, 'clusters.remove', { cluster: CLUSTER }).catch(() => {});
  await started?.flink.stop();
});

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

test('an admin registers a Flink cluster; it is listed with its version and health', async ({
  page,
}) => {
  const { flink } = running();
  await signInAt(page, '/clusters', adminAccount());
  const form = page.getByRole('form', { name: 'Register a Flink cluster' });

  // A URL where no Flink answers is refused by the engine, naming the field.
  await form.getByLabel('Name').fill(CLUSTER);
  await form.getByLabel('REST URL').fill('http://127.0.0.1:9');
  await form.getByRole('button', { name: 'Register cluster' }).click();
  await expect(form.getByRole('alert')).toContainText('REST URL: no Flink cluster answered');
  await expect(form.getByLabel('REST URL')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('REST URL').fill(flink.restUrl);
  await form.getByRole('button', { name: 'Register cluster' }).click();
  await expect(form.getByRole('status')).toContainText(`Registered ${CLUSTER}`);

  const card = page.getByTestId(`cluster-card-${CLUSTER}`);
  await expect(card.getByTestId('cluster-version')).toHaveText(flink.version);
  await expect(card.locator('[data-health="up"]')).toBeVisible();
  await expect(card.getByTestId('cluster-jobs-running')).toHaveText('1');
  // The embedded engine is listed beside it.
  await expect(page.getByTestId('cluster-card-embedded')).toBeVisible();
  await screenshot(page, 'clusters.png');
});

test("the cluster's job opens on its topology, drawn like an embedded job's", async ({
  page,
  request,
}) => {
  const { jobId } = running();
  await signInAt(page, `/clusters/${CLUSTER}`, await createUser(request, 'viewer'));
  await expect(page.getByTestId('flink-version')).toContainText(running().flink.version);
  const row = page.getByTestId(`job-row-${jobId}`);
  await expect(row).toContainText('running', { timeout: 60_000 });
  await screenshot(page, 'flink-cluster.png');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${CLUSTER}/jobs/${jobId}/topology$`));

  // The example's source chain and its keyed window, joined by a HASH edge.
  const vertices = page.locator('[data-testid^="vertex-"]');
  await expect.poll(() => vertices.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const edges = page.locator('.react-flow__edge');
  await expect.poll(() => edges.count()).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.react-flow__edge-text').first()).not.toBeEmpty();
  // What only Weir's own engine keeps is not offered, and the page says why.
  await expect(
    page.getByRole('region', { name: 'Recent results' }).getByTestId('unavailable'),
  ).toContainText('own sinks');
  await screenshot(page, 'flink-topology.png');

  // No Weir spec: the configuration shows what Flink reports, and says why the rest is absent.
  await page
    .getByRole('navigation', { name: 'Job views' })
    .getByRole('link', {
      name: 'Configuration',
    })
    .click();
  await expect(page.getByTestId('no-spec')).toContainText('runs a jar');
});

test('a viewer sees the clusters but is not offered to register or remove one', async ({
  page,
  request,
}) => {
  await signInAt(page, '/clusters', await createUser(request, 'viewer'));
  await expect(page.getByTestId(`cluster-card-${CLUSTER}`)).toBeVisible();
  await expect(page.getByRole('form', { name: 'Register a Flink cluster' })).toHaveCount(0);
  const remove = page.getByTestId(`cluster-card-${CLUSTER}`).getByRole('button', {
    name: 'Remove…',
  });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription('Needs the admin role');
});

test('an operator triggers a savepoint of the Flink job from its Savepoints tab', async ({
  page,
  request,
}) => {
  const { jobId } = running();
  await signInAt(
    page,
    `/clusters/${CLUSTER}/jobs/${jobId}/savepoints`,
    await createUser(request, 'operator'),
  );
  await expect(page.locator('.job-header')).toContainText('running', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Trigger savepoint' }).click();
  const success = page.getByTestId('savepoint-success');
  await expect(success).toBeVisible({ timeout: 90_000 });
  const savepointPath = (await page.getByTestId('savepoint-success-path').textContent())?.trim();
  expect(savepointPath).toBeTruthy();
  await expect(
    page.getByRole('table', { name: 'Savepoints' }).locator('tbody tr[data-status="COMPLETED"]'),
  ).not.toHaveCount(0, { timeout: 30_000 });

  // The test cluster runs the adaptive scheduler: a rescale is said to happen in place.
  await page
    .getByRole('navigation', { name: 'Job views' })
    .getByRole('link', { name: 'Topology' })
    .click();
  await page.getByRole('button', { name: 'Rescale…' }).click();
  const dialog = page.getByRole('dialog', { name: `Rescale job ${jobId}` });
  await expect(dialog).toContainText('changes the running job');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('a JobManager that stops answering shows "unreachable since" on the pages of its cluster', async ({
  page,
  request,
}) => {
  const { flink, jobId } = running();
  await signInAt(page, `/clusters/${CLUSTER}`, await createUser(request, 'viewer'));
  await expect(page.getByTestId(`job-row-${jobId}`)).toBeVisible({ timeout: 30_000 });
  // A stopped process accepts connections but never answers: every call waits out its timeout.
  process.kill(flink.pids.jobManager, 'SIGSTOP');
  try {
    const banner = page.getByTestId('cluster-unreachable');
    await expect(banner).toContainText(`Cluster ${CLUSTER} unreachable since`, { timeout: 60_000 });
    await page.goto(`/clusters/${CLUSTER}/jobs/${jobId}/checkpoints`);
    await expect(banner).toContainText(`Cluster ${CLUSTER} unreachable since`, { timeout: 60_000 });
    await screenshot(page, 'flink-unreachable.png');
    // The embedded cluster's pages are not held up by it.
    await page.goto('/');
    await expect(page.getByTestId('job-row-clicks-per-user')).toBeVisible();
    await expect(page.getByTestId(`cluster-link-${CLUSTER}`).locator('[data-health]')).toHaveText(
      'unreachable',
    );
  } finally {
    process.kill(flink.pids.jobManager, 'SIGCONT');
  }
  await page.goto(`/clusters/${CLUSTER}`);
  await expect(page.getByTestId('cluster-unreachable')).toHaveCount(0, { timeout: 60_000 });
});
