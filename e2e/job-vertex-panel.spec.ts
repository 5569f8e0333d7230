import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const JOB_ID = 'clicks-per-user';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/job-vertex-panel.png', import.meta.url));

test('topology: clicking a vertex opens its subtasks', async ({ page, request }) => {
  // Looking needs no more than the viewer role.
  await signInAt(page, `/jobs/${JOB_ID}/topology`, await createUser(request, 'viewer'));

  const vertex = page.locator('[data-testid^="vertex-"]').first();
  await expect(vertex).toBeVisible();
  const parallelism = Number(
    (await vertex.locator('.vertex-par').textContent())?.replace('×', '') ?? 0,
  );
  expect(parallelism).toBeGreaterThan(0);

  await vertex.click();
  await expect(vertex).toHaveAttribute('data-selected', 'true');
  const panel = page.getByTestId('subtasks-panel');
  const subtasks = panel.getByRole('table', { name: /^Subtasks of / });
  // One row per subtask, each with live numbers.
  await expect(subtasks.locator('tbody tr')).toHaveCount(parallelism);
  await expect(subtasks.getByTestId('subtask-row-0')).toContainText('%');
  await expect(panel.getByRole('heading', { name: /Dead letters/ })).toBeVisible();
  // The recent backpressure and busy time of every subtask, charted (one sample a second).
  const history = panel.getByTestId('load-history');
  await expect(
    history.getByRole('figure', { name: 'Backpressured share per subtask over time' }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    history.getByRole('figure', { name: 'Busy share per subtask over time' }),
  ).toBeVisible();
  await expect(history.locator('.recharts-line')).toHaveCount(2 * parallelism);

  // Closing it leaves the graph as it was.
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await vertex.click();
  await expect(subtasks).toBeVisible();
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});
