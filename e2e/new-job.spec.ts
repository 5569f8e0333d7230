import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { createUser, mutateAsAdmin, signInAt } from './support/accounts';

// A new job written in the console (issue 20): from an example or another job's spec, checked
// as it is typed, its plan previewed, submitted, running.
const EDITOR_SCREENSHOT = fileURLToPath(new URL('./artifacts/job-editor.png', import.meta.url));
const PLAN_SCREENSHOT = fileURLToPath(new URL('./artifacts/job-plan.png', import.meta.url));

/** Jobs the spec started: cancelled at the end, so later specs share a less busy engine. */
const started: string[] = [];

test.afterAll(async ({ request }) => {
  for (const jobId of started) {
    await mutateAsAdmin(request, 'jobs.cancel', { jobId }).catch(() => {});
  }
});

/**
 * Replaces the text of an editor line (its indentation stays) with `text`, as pasted: no
 * bracket or quote is closed for it.
 */
async function retype(page: Page, line: Locator, text: string) {
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.insertText(text);
}

/** The job id the editor's spec has now. */
async function idInEditor(editor: Locator): Promise<string> {
  const line = await editor.locator('.cm-line', { hasText: '"id": ' }).first().textContent();
  const id = /"id": "([a-z0-9-]+)"/.exec(line ?? '')?.[1];
  if (!id) throw new Error(`no id in the editor's line ${line}`);
  return id;
}

test('an operator starts a job from an example: checked as typed, planned, submitted, running', async ({
  page,
  request,
}) => {
  await signInAt(page, '/clusters/embedded', await createUser(request, 'operator'));
  await page.getByRole('button', { name: 'New job' }).click();
  await expect(page).toHaveURL(/\/clusters\/embedded\/jobs\/new$/);
  const editor = page.getByRole('textbox', { name: 'Job spec (JSON)' });
  await expect(editor).toBeVisible();
  const line = (text: string) => editor.locator('.cm-line', { hasText: text });

  // Each example comes under an id of its own, beside the sample job it shows.
  await page.getByRole('button', { name: 'Kafka clicks per user' }).click();
  await expect.poll(() => idInEditor(editor)).toMatch(/^kafka-clicks-per-user-[0-9a-f]{6}$/);
  await page.getByRole('button', { name: 'Clicks per user', exact: true }).click();
  await expect.poll(() => idInEditor(editor)).toMatch(/^clicks-per-user-[0-9a-f]{6}$/);
  const jobId = await idInEditor(editor);

  // The schema offers the fields a spec may have and lacks, as one types.
  await line('"maxParallelism": 128').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"source');
  await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('sourceIdleTimeoutMs');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');

  const marked = editor.locator('.cm-lintRange-error');
  const problems = page.getByTestId('spec-problems');
  const submit = page.getByRole('button', { name: 'Submit' });
  // A field the JSON Schema checks: marked in the editor, and named below it.
  await retype(page, line('"parallelism": 2'), '"parallelism": 0,');
  await expect(problems).toContainText('parallelism: Too small');
  await expect(marked.first()).toBeVisible();
  await expect(submit).toBeDisabled();
  await retype(page, line('"parallelism": 0'), '"parallelism": 2,');
  await expect(problems).toBeHidden();
  await expect(marked).toHaveCount(0);

  // One only the contract's own checks know: a uid used twice.
  await retype(page, line('"uid": "parse"'), '"uid": "clicks",');
  await expect(problems).toContainText('operators[1] ("clicks").uid: duplicate uid "clicks"');
  await expect(marked.first()).toBeVisible();
  await page.screenshot({ path: EDITOR_SCREENSHOT, fullPage: true });
  await retype(page, line('"uid": "clicks"').nth(1), '"uid": "parse",');
  await expect(problems).toBeHidden();
  await expect(marked).toHaveCount(0);

  await page.getByRole('button', { name: 'Preview plan' }).click();
  const plan = page.getByRole('table', { name: 'Planned vertices' });
  await expect(plan.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('job-plan')).toContainText('4 vertices, 3 edges');
  // The source chain feeds the window by key.
  await expect(plan.locator('tbody tr').nth(1)).toContainText('Source: datagen → parse (hash)');
  await page.screenshot({ path: PLAN_SCREENSHOT, fullPage: true });

  await submit.click();
  started.push(jobId);
  await expect(page).toHaveURL(new RegExp(`/clusters/embedded/jobs/${jobId}/`));
  await expect(page.locator('.job-header')).toContainText('running', { timeout: 30_000 });
});

test("an operator clones a job: the editor opens with the job's spec under a new id", async ({
  page,
  request,
}) => {
  await signInAt(
    page,
    '/jobs/clicks-per-user/configuration',
    await createUser(request, 'operator'),
  );
  await page.getByRole('button', { name: 'Clone as new job' }).click();
  await expect(page).toHaveURL(/\/clusters\/embedded\/jobs\/new\?from=clicks-per-user$/);
  await expect(page.getByText('A copy of job clicks-per-user')).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'Job spec (JSON)' });
  await expect.poll(() => idInEditor(editor)).toMatch(/^clicks-per-user-[0-9a-f]{6}$/);
  // The job's own checkpoint interval (playwright.config.ts sets it), not an example's.
  await expect(editor).toContainText('"intervalMs": 1000,');
  await expect(page.getByTestId('spec-problems')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled();
});

test('a viewer sees New job disabled, saying why', async ({ page, request }) => {
  await signInAt(page, '/clusters/embedded', await createUser(request, 'viewer'));
  const newJob = page.getByRole('button', { name: 'New job' });
  await expect(newJob).toBeDisabled();
  await expect(newJob).toHaveAccessibleDescription('Needs the operator role');
});
