import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, mutateAsAdmin, queryAsAdmin, signInAt } from './support/accounts';

const SCREENSHOT = fileURLToPath(new URL('./artifacts/dead-letters.png', import.meta.url));
const JOB_ID = 'e2e-dead-letters';

/** A bounded job of its own whose input is one third malformed: it ends with every dead letter published. */
const job = {
  id: JOB_ID,
  name: 'Dead letters',
  checkpointing: { intervalMs: 500 },
  operators: [
    {
      uid: 'clicks',
      kind: 'datagen',
      config: { seed: 5, ratePerSecond: 2000, count: 3000, malformedRatio: 0.3 },
    },
    { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user'] } },
    { uid: 'sink', kind: 'blackhole' },
  ],
  edges: [
    { from: 'clicks', to: 'parse' },
    { from: 'parse', to: 'sink' },
  ],
};

interface Page {
  items: Array<{ id: string; record: string }>;
  nextCursor: string | null;
  counted: number;
}

test('dead letters: counted exactly, paged on the engine, filtered by reason, exported whole', async ({
  page,
  request,
}) => {
  await mutateAsAdmin(request, 'jobs.submit', job);
  await expect
    .poll(
      async () =>
        (await queryAsAdmin<{ status: string }>(request, 'jobs.get', { jobId: JOB_ID })).status,
      { timeout: 60_000 },
    )
    .toBe('FINISHED');
  // What the API holds, page by page: what the console must show and export.
  const records: string[] = [];
  let cursor: string | undefined;
  let counted = 0;
  do {
    const answer: Page = await queryAsAdmin<Page>(request, 'jobs.deadLetters', {
      jobId: JOB_ID,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    records.push(...answer.items.map((item) => item.record));
    counted = answer.counted;
    cursor = answer.nextCursor ?? undefined;
  } while (cursor);
  expect(counted).toBeGreaterThan(500);
  expect(records).toHaveLength(counted);

  await signInAt(page, `/jobs/${JOB_ID}/dead-letters`, await createUser(request, 'operator'));
  await expect(page.getByRole('status', { name: 'Dead letter counts' })).toContainText(
    `${counted.toLocaleString('en-US')} counted`,
  );
  const rows = page.getByRole('table', { name: 'Dead letters' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  const newest = await rows.first().textContent();
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(rows.first()).not.toHaveText(newest ?? '');
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(rows.first()).toHaveText(newest ?? '');

  // Grouped by reason on the engine: the one kind there is lists them all.
  await page.getByLabel('Reason').selectOption({ label: `malformed JSON (${counted})` });
  await expect(rows).toHaveCount(50);
  await page.getByLabel('Text').fill('no record holds this');
  await expect(page.getByText('No dead letters match.')).toBeVisible();
  await page.getByLabel('Text').fill('');

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as JSON lines' }).click();
  const file = await (await download).path();
  const exported = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { record: string }).record);
  // The same multiset, repeats not folded.
  expect(exported.toSorted()).toEqual(records.toSorted());

  // The job reads no Kafka topic: a replay is refused, saying why.
  await page
    .getByRole('checkbox', { name: /Select dead letter/ })
    .first()
    .check();
  await page.getByRole('button', { name: 'Replay 1 selected…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('reads no Kafka topic');
});
