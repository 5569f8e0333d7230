import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, test } from '@playwright/test';
import { createUser, signInAt } from './support/accounts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Lines recharts drew in a chart: a path with at least two points. */
const drawnLines = (chart: Locator) => chart.locator('path.recharts-line-curve[d*="L"]');

test('the instances page charts the leader and the standby, and profiles a worker as a flame graph', async ({
  page,
  request,
}) => {
  await signInAt(page, '/', await createUser(request, 'operator'));
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Instances' })
    .click();
  await expect(page.getByRole('heading', { name: 'Instances', level: 1 })).toBeVisible();

  const panels = page.locator('section[data-testid^="instance-"]');
  await expect(panels).toHaveCount(2);
  const leader = panels.filter({ has: page.locator('.badge', { hasText: 'leader' }) });
  const standby = panels.filter({ has: page.locator('.badge', { hasText: 'standby' }) });
  await expect(leader).toHaveCount(1);
  await expect(standby).toHaveCount(1);
  for (const panel of [leader, standby]) {
    for (const chart of ['chart-cpu', 'chart-memory', 'chart-delay', 'chart-gc']) {
      // An instance samples every 5 s: a line needs two samples.
      await expect
        .poll(() => drawnLines(panel.getByTestId(chart)).count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    }
  }
  // The leader runs the sample job: its worker thread, with the subtasks it runs.
  const worker = leader.getByTestId('thread-worker').first();
  await expect(worker).toContainText('clicks-per-user slot 0');
  await expect(worker.locator('.subtask-list li').first()).toContainText('#0');
  // The standby runs no job: only its main thread.
  await expect(standby.getByTestId('thread-main')).toHaveCount(1);
  await expect(standby.getByTestId('thread-worker')).toHaveCount(0);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'instances.png'), fullPage: true });

  // A two-second profile of the worker.
  const name = (await worker.getAttribute('data-thread')) as string;
  await worker.getByRole('spinbutton', { name: `Seconds to profile ${name}` }).fill('2');
  await worker.getByRole('button', { name: `Profile ${name}` }).click();
  await expect(page.getByRole('region', { name: 'CPU profile' }).getByRole('status')).toContainText(
    `Profiling ${name}`,
  );
  const profile = page.getByRole('region', { name: `CPU profile of ${name}` });
  const graph = profile.getByRole('region', { name: 'Flame graph' });
  await expect(graph).toBeVisible({ timeout: 30_000 });
  // Frames are drawn: the root across the whole width, the engine's code below it.
  const frames = graph.getByTestId('flame-frame');
  await expect.poll(() => frames.count()).toBeGreaterThan(10);
  const graphWidth = (await graph.boundingBox())?.width ?? 0;
  const widthOf = async (frame: Locator) => ((await frame.boundingBox())?.width ?? 0) / graphWidth;
  expect(await widthOf(frames.filter({ hasText: '(root)' }))).toBeGreaterThan(0.95);
  const engineFrame = graph.locator('.flame-engine[title*="/dist/"]').first();
  await expect(engineFrame).toBeVisible();
  const engineName = ((await engineFrame.textContent()) ?? '').trim();
  // Idle time (the worker waiting for records) only on request.
  await expect(frames.filter({ hasText: '(idle)' })).toHaveCount(0);
  await profile.getByRole('checkbox', { name: 'Idle time' }).check();
  await expect(frames.filter({ hasText: '(idle)' })).toHaveCount(1);
  await profile.getByRole('checkbox', { name: 'Idle time' }).uncheck();

  // Hovering names the frame; a click zooms into it: it spans the width, its callers above.
  await engineFrame.hover();
  await expect(profile.getByTestId('flame-details')).toContainText(`${engineName} — `);
  await expect(profile.getByTestId('flame-details')).toContainText('total');
  await engineFrame.click();
  const focused = graph.locator('[data-focus="true"]');
  await expect(focused).toHaveText(engineName);
  await expect.poll(() => widthOf(focused)).toBeGreaterThan(0.95);
  await expect(graph.locator('.flame-ancestor').first()).toBeVisible();
  await profile.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(focused).toHaveText('(root)');
  await expect(graph.locator('.flame-ancestor')).toHaveCount(0);
  await expect(profile.getByRole('link', { name: 'Download .cpuprofile' })).toBeVisible();

  await profile.scrollIntoViewIfNeeded();
  await profile.screenshot({ path: path.join(ARTIFACTS, 'flame-graph.png') });
});

test('a viewer sees the charts but cannot profile', async ({ page, request }) => {
  await signInAt(page, '/instances', await createUser(request, 'viewer'));
  const main = page.getByTestId('thread-main').first();
  await expect(main).toBeVisible();
  await expect(main.getByRole('button', { name: /^Profile / })).toBeDisabled();
});
