import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, mutateAsAdmin, signInAt } from './support/accounts';

const JOB_ID = 'slow-filter';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/bottleneck.png', import.meta.url));

/** 2,500 comparisons per record: far slower than the source, so records pile up before it. */
const digits = Array.from({ length: 50 }, (_, i) => i).join(', ');
const SLOW_EXPRESSION = `[${digits}].all(a, [${digits}].all(b, a + b >= 0))`;

/**
 * An unthrottled source in front of a deliberately slow filter: the source waits for credit
 * (backpressured), the filter works all the time (busy), the sink idles. Rebalance edges keep
 * the three apart as vertices. Subtask i runs on worker thread i, so the source's second
 * subtask has a thread to itself and spends its time waiting on the filter, not sharing a
 * thread with it (which would count as idle).
 */
const slowFilterJob = {
  id: JOB_ID,
  name: 'Slow filter',
  parallelism: 2,
  checkpointing: { intervalMs: 60_000 },
  operators: [
    {
      uid: 'source',
      kind: 'datagen',
      config: { seed: 1, ratePerSecond: 1_000_000, throttle: false },
    },
    { uid: 'slow', kind: 'filter', parallelism: 1, config: { expression: SLOW_EXPRESSION } },
    { uid: 'sink', kind: 'blackhole', parallelism: 1 },
  ],
  edges: [
    { from: 'source', to: 'slow', partitioning: 'rebalance' },
    { from: 'slow', to: 'sink', partitioning: 'rebalance' },
  ],
};

test('the topology marks the busy vertex below the backpressured one as the bottleneck', async ({
  page,
  request,
}) => {
  await mutateAsAdmin(request, 'jobs.submit', slowFilterJob);
  try {
    await signInAt(page, `/jobs/${JOB_ID}/topology`, await createUser(request, 'viewer'));
    const slow = page.getByTestId('vertex-slow');
    await expect(slow).toHaveAttribute('data-bottleneck', 'true', { timeout: 30_000 });
    const badge = slow.getByTestId('bottleneck-badge');
    await expect(badge).toHaveText('Bottleneck');
    await expect(badge).toHaveAttribute('title', /^Likely bottleneck\. Busy \d+% .*backpressured/);
    await expect(page.getByTestId('bottleneck-note')).toContainText('looks like the bottleneck');
    // Only one vertex is blamed; the backpressured source is a symptom, not the cause.
    await expect(page.locator('[data-bottleneck="true"]')).toHaveCount(1);
    await expect(page.getByTestId('vertex-source')).toHaveClass(/vertex--backpressured/);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    // This job keeps a core busy: stop it for the specs after this one.
    await mutateAsAdmin(request, 'jobs.cancel', { jobId: JOB_ID });
  }
});
