import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { flinkExampleJar } from '@weir/engine/testing';
import {
  adminAccount,
  createUser,
  mutateAsAdmin,
  queryAsAdmin,
  signInAt,
} from './support/accounts';
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

/** Uploads the jar at `jarPath` with the upload form in `panel`, as an operator would. */
async function uploadJar(panel: Locator, jarPath: string) {
  const upload = panel.getByRole('form', { name: 'Upload a jar' });
  await upload.getByLabel('Jar file').setInputFiles(jarPath);
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByRole('status')).toContainText('Uploaded ', { timeout: 30_000 });
}

/**
 * Follows `link` to the job it names, a new one (Flink gives every run a new id), and waits
 * until it runs; answers its header.
 */
async function openNewJob(page: Page, link: Locator, previousJobId: string) {
  const newJobId = ((await link.textContent()) ?? '').trim();
  expect(newJobId).toMatch(/^[0-9a-f]{32}$/);
  expect(newJobId).not.toBe(previousJobId);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${CLUSTER}/jobs/${newJobId}`));
  const header = page.locator('.job-header');
  await expect(header).toContainText('running', { timeout: 60_000 });
  return header;
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
  // A Flink job is upgraded to another program, not an edited spec, and only by operators.
  const upgrade = page.getByRole('button', { name: 'Upgrade program…' });
  await expect(upgrade).toBeDisabled();
  await expect(upgrade).toHaveAccessibleDescription('Needs the operator role');
  await expect(page.getByRole('button', { name: 'Edit and upgrade…' })).toHaveCount(0);
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

test('an operator restores the Flink job from its savepoint through the wizard, and is led to the new job', async ({
  page,
  request,
}) => {
  const { jobId } = running();
  await signInAt(
    page,
    `/clusters/${CLUSTER}/jobs/${jobId}/savepoints`,
    await createUser(request, 'operator'),
  );
  await expect(
    page.getByRole('table', { name: 'Savepoints' }).locator('tbody tr[data-status="COMPLETED"]'),
  ).not.toHaveCount(0, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: `Restore job ${jobId}` });
  const savepoint = dialog
    .getByRole('group', { name: '1. Snapshot' })
    .getByRole('radio', { name: /^Savepoint \d+/ })
    .first();
  await savepoint.check();
  const savepointPath = (await savepoint.getAttribute('value')) ?? '';
  expect(savepointPath).toContain('savepoint-');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  const progress = dialog.getByTestId('operation-progress');
  await expect(progress).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 120_000 });
  // Flink runs the jar again as a new job: the console names it and leads there.
  const header = await openNewJob(page, progress.getByRole('link'), jobId);
  await expect(header).toContainText(savepointPath);
});

test('an operator submits a job from the example jar: upload, plan preview, run, the new job', async ({
  page,
  request,
}) => {
  // Upload, planning and starting a job each wait on the JobManager.
  test.setTimeout(180_000);
  const jar = await flinkExampleJar();
  await signInAt(page, `/clusters/${CLUSTER}`, await createUser(request, 'operator'));
  const panel = page.getByRole('region', { name: 'Submit a job from a jar' });
  await uploadJar(panel, jar.path);

  // The manifest's entry class is offered; the program gets its arguments one per line.
  const program = panel.getByRole('form', { name: 'Run the jar' });
  await expect(program.getByLabel('Entry class')).toHaveValue(jar.entryClass);
  await program
    .getByLabel('Program arguments (one per line)')
    .fill('--rate\n500\n--checkpoint-interval\n1000');
  await program.getByLabel('Parallelism').fill('1');
  await program.getByRole('button', { name: 'Preview plan' }).click();
  const plan = program.getByRole('table', { name: 'Planned vertices' });
  await expect(plan).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => plan.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
  // The example's keyed window is fed by its source chain, by key.
  await expect(plan).toContainText('Source: clicks');
  await expect(plan).toContainText('(hash)');
  await screenshot(page, 'flink-submit-jar.png');

  await program.getByRole('button', { name: 'Run', exact: true }).click();
  const started = program.getByTestId('jar-job-started');
  await expect(started).toBeVisible({ timeout: 120_000 });
  await openNewJob(page, started.getByRole('link'), running().jobId);
});

test('the jar form is disabled, saying why, for viewers and on the embedded cluster', async ({
  page,
  request,
}) => {
  await signInAt(page, `/clusters/${CLUSTER}`, await createUser(request, 'viewer'));
  const panel = page.getByRole('region', { name: 'Submit a job from a jar' });
  await expect(panel.getByTestId('submit-jar-unavailable')).toHaveText('Needs the operator role');
  await expect(panel.getByLabel('Jar file')).toBeDisabled();
  await page.goto('/clusters/embedded');
  await expect(panel.getByTestId('submit-jar-unavailable')).toContainText('runs Weir job specs');
  await expect(panel.getByLabel('Jar file')).toBeDisabled();
});

test('the new-job page of a Flink cluster says it runs jars, and leads to the jar form', async ({
  page,
  request,
}) => {
  await signInAt(page, `/clusters/${CLUSTER}`, await createUser(request, 'operator'));
  await page.getByRole('button', { name: 'New job' }).click();
  await expect(page.getByTestId('unavailable')).toContainText('runs jars, not Weir job specs');
  await expect(page.getByRole('textbox', { name: 'Job spec (JSON)' })).toHaveCount(0);
  await page.getByRole('link', { name: `Submit a jar to ${CLUSTER}` }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${CLUSTER}#submit-jar$`));
  await expect(page.getByRole('region', { name: 'Submit a job from a jar' })).toBeInViewport();
});

test('an operator upgrades a Flink job to the jar with other arguments, and is led to the new job', async ({
  page,
  request,
}) => {
  // The upload, the savepoint, the new run and its first checkpoint each wait on the JobManager.
  test.setTimeout(240_000);
  const jar = await flinkExampleJar();
  // The example job as the restore above left it (or the one submitted since): either runs.
  const jobs = await queryAsAdmin<{ id: string; status: string }[]>(request, 'jobs.list', {
    cluster: CLUSTER,
  });
  const jobId = jobs.find((job) => job.status === 'RUNNING')?.id ?? '';
  expect(jobId).toMatch(/^[0-9a-f]{32}$/);
  await signInAt(
    page,
    `/clusters/${CLUSTER}/jobs/${jobId}/topology`,
    await createUser(request, 'operator'),
  );
  await expect(page.locator('.job-header')).toContainText('running', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Upgrade program…' }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${CLUSTER}/jobs/${jobId}/upgrade$`));
  const panel = page.getByRole('region', { name: 'Upgrade program' });
  await expect(panel.getByTestId('jar-upgrade-explained')).toContainText('new job id');
  await uploadJar(panel, jar.path);
  const form = panel.getByRole('form', { name: 'Upgrade to the jar' });
  await expect(form.getByLabel('Entry class')).toHaveValue(jar.entryClass);
  await form
    .getByLabel('Program arguments (one per line)')
    .fill('--rate\n3000\n--checkpoint-interval\n500');
  await form.getByRole('button', { name: 'Upgrade…' }).click();

  const dialog = page.getByRole('dialog', { name: new RegExp(`^Upgrade job ${jobId} to `) });
  await expect(dialog).toContainText('--rate 3000 --checkpoint-interval 500');
  await dialog.getByRole('button', { name: 'Upgrade', exact: true }).click();
  const progress = dialog.getByTestId('operation-progress');
  await expect(progress).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 180_000 });
  await expect(progress.getByRole('listitem')).toContainText([
    'taking savepoint',
    'starting',
    'verifying',
  ]);
  // The new program runs as a new Flink job, from the savepoint the old one stopped at.
  const header = await openNewJob(page, progress.getByRole('link'), jobId);
  await expect(header).toContainText('savepoint-');
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
