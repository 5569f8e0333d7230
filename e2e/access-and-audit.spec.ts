import { expect, test } from '@playwright/test';
import { adminAccount, createUser, signInAt } from './support/accounts';

const JOB_PATH = '/jobs/clicks-per-user';
// The savepoint actions live on their own tab of the job page.
const SAVEPOINTS_PATH = `${JOB_PATH}/savepoints`;

test('a viewer sees the job but its actions are disabled, with the reason', async ({
  page,
  request,
}) => {
  const viewer = await createUser(request, 'viewer');
  await signInAt(page, SAVEPOINTS_PATH, viewer);
  await expect(page.getByTestId('current-role')).toHaveText('viewer');

  const trigger = page.getByRole('button', { name: 'Trigger savepoint' });
  await expect(trigger).toBeDisabled();
  await expect(trigger).toHaveAccessibleDescription('Needs the operator role');
  await expect(page.getByRole('button', { name: 'Stop with savepoint…' })).toBeDisabled();
  const reasons = page.getByTestId('role-reason');
  await expect(reasons.first()).toBeVisible();
  for (const reason of await reasons.all())
    await expect(reason).toHaveText('Needs the operator role');
  // Readable all the same: the checkpoints table fills in.
  await page.getByRole('link', { name: 'Checkpoints' }).click();
  await expect(page.getByRole('table', { name: 'Checkpoints' })).toBeVisible({ timeout: 30_000 });
  // Admin pages are not offered.
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('an operator takes a savepoint, and it appears on the audit page under their name', async ({
  page,
  request,
}) => {
  const operator = await createUser(request, 'operator');
  await signInAt(page, SAVEPOINTS_PATH, operator);
  await page.getByRole('button', { name: 'Trigger savepoint' }).click();
  await expect(page.getByTestId('savepoint-success')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByLabel('User').fill(operator.username);
  await page.getByLabel('Action').fill('savepoints.trigger');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-result', 'ok');
  await expect(rows.first().getByTestId('audit-actor')).toHaveText(operator.username);
  await expect(rows.first()).toContainText('clicks-per-user');
});

test('an admin issues an API token shown once, which then works as a bearer token', async ({
  page,
  request,
}) => {
  await signInAt(page, '/admin/tokens', adminAccount());
  // The form checks its input with the API's own schema: a bad name is named, nothing is sent.
  const nameField = page.getByLabel('Name');
  await nameField.fill('no spaces allowed');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText(
    'Name: letters, digits',
  );
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('new-token')).toHaveCount(0);

  const name = `ci-${Date.now()}`;
  await nameField.fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^weir_/);
  await expect(page.getByTestId(`token-row-${name}`)).toContainText('active');

  const asToken = await request.get('/api/trpc/auth.me', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await asToken.json()).toMatchObject({ result: { data: { name: `token:${name}` } } });

  await page.getByTestId(`token-row-${name}`).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId(`token-row-${name}`)).toContainText('revoked');
  const revoked = await request.get('/api/trpc/jobs.list', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(revoked.status()).toBe(401);
});

test('signing out ends the session: the console asks to sign in again', async ({
  page,
  request,
}) => {
  await signInAt(page, '/', await createUser(request, 'viewer'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});
