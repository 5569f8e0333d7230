import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/savepoint-progress.png', import.meta.url));

test('a savepoint shows as in progress, and a page opened again meanwhile follows it to its end', async ({
  page,
  request,
}) => {
  await signInAt(page, `/jobs/${JOB_ID}/savepoints`, await createUser(request, 'operator'));
  const trigger = page.getByRole('button', { name: 'Trigger savepoint' });
  await expect(trigger).toBeEnabled();

  // A savepoint of this small job takes well under a second; to look at it "in progress" the
  // page is kept from hearing about its end: the trigger call reaches the engine but its
  // answer is held back, and so are status polls (batched calls naming it included).
  let engineAnswered!: () => void;
  const taken = new Promise<void>((resolve) => {
    engineAnswered = resolve;
  });
  await page.route(/\/api\/trpc\/[^?]*savepoints\.trigger/, async (route) => {
    await route.fetch();
    engineAnswered();
  });
  await page.route(/\/api\/trpc\/[^?]*savepoints\.status/, () => {});

  await trigger.click();
  const inProgress = page.getByTestId('savepoint-in-progress');
  await expect(inProgress).toBeVisible();
  await expect(page.getByRole('button', { name: /Taking savepoint/ })).toBeDisabled();
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // The engine has finished it. The page is left before any answer reaches it (the held
  // requests die with it) and opened again in the same tab, whose session storage keeps the
  // trigger id: it learns the end from the trigger's status alone.
  await taken;
  await page.goto('about:blank');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.goto(`/jobs/${JOB_ID}/savepoints`);
  const success = page.getByTestId('savepoint-success');
  await expect(success).toBeVisible({ timeout: 30_000 });
  const savepointPath = (await page.getByTestId('savepoint-success-path').textContent())?.trim();
  expect(path.isAbsolute(savepointPath ?? '')).toBe(true);
  await expect(
    page.getByRole('table', { name: 'Savepoints' }).locator('tbody tr', { hasText: savepointPath }),
  ).toHaveAttribute('data-status', 'COMPLETED');
  await expect(trigger).toBeEnabled();

  // Once seen to end, it is forgotten, and not followed again after a reload.
  await expect
    .poll(() => page.evaluate(() => Object.keys(sessionStorage).join()))
    .not.toContain('pending-savepoint');
  await page.reload();
  await expect(trigger).toBeEnabled();
  await expect(success).toBeHidden();
  await expect(inProgress).toBeHidden();
});
