import { randomBytes } from 'node:crypto';
import { type APIRequestContext, expect, type Page } from '@playwright/test';

export type Role = 'viewer' | 'operator' | 'admin';

export interface Account {
  username: string;
  password: string;
}

/** Set by playwright.config.ts and passed to the engine as WEIR_ADMIN_PASSWORD. */
export function adminAccount(): Account {
  const password = process.env.WEIR_E2E_ADMIN_PASSWORD;
  if (!password)
    throw new Error('WEIR_E2E_ADMIN_PASSWORD is unset: run through playwright.config.ts');
  return { username: 'admin', password };
}

/** Calls a tRPC mutation through the console's proxy, as a script would. */
async function mutate(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(`/api/trpc/${path}`, { data: input });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return res;
}

/**
 * A fresh user with `role`, created through the API as the admin. Names are unique per call:
 * every spec in a run shares one engine and its database.
 */
export async function createUser(request: APIRequestContext, role: Role): Promise<Account> {
  const account = {
    username: `${role}-${randomBytes(4).toString('hex')}`,
    password: randomBytes(12).toString('base64url'),
  };
  await mutateAsAdmin(request, 'users.create', { ...account, role });
  return account;
}

/** Signs `request` in as the admin and calls a mutation, as a deploy script would. */
export async function mutateAsAdmin(request: APIRequestContext, path: string, input: unknown) {
  await mutate(request, 'auth.login', adminAccount());
  return mutate(request, path, input);
}

/** Calls a tRPC query as the admin through the console's proxy and answers its data. */
export async function queryAsAdmin<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
): Promise<T> {
  await mutate(request, 'auth.login', adminAccount());
  const res = await request.get(`/api/trpc/${path}`, {
    params: { input: JSON.stringify(input) },
  });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/**
 * Opens `path` signed out, which must land on the login page, signs in there and expects to
 * be sent back to `path`.
 */
export async function signInAt(page: Page, path: string, account: Account): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?next=/);
  // Typing before React has hydrated the form is lost: hydration resets the controlled inputs
  // to their empty state and the form then sends no credentials (seen on a loaded machine).
  await page.waitForFunction(() => {
    const input = document.querySelector('input[name="username"]');
    return input !== null && Object.keys(input).some((key) => key.startsWith('__reactProps'));
  });
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(account.username);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, '\\$&')}$`));
}
