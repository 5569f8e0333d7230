import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createUser, mutateAsAdmin, signInAt } from './support/accounts';
import { WIDE_TOPOLOGY_VERTICES, wideTopologyJob } from './support/wide-topology-job';

const JOB_ID = 'wide-topology';
const SCREENSHOT = fileURLToPath(new URL('./artifacts/wide-topology.png', import.meta.url));

test('a topology of 201 vertices renders, and clicking one opens its panel', async ({
  page,
  request,
}) => {
  await mutateAsAdmin(request, 'jobs.submit', wideTopologyJob(JOB_ID));
  try {
    await signInAt(page, `/jobs/${JOB_ID}/topology`, await createUser(request, 'viewer'));
    const vertices = page.locator('[data-testid^="vertex-"]');
    await expect(vertices).toHaveCount(WIDE_TOPOLOGY_VERTICES);

    // The graph is wider than the panel: pick a vertex React Flow has drawn inside it.
    const topology = page.getByTestId('topology');
    const frame = await topology.boundingBox();
    if (!frame) throw new Error('the topology has no box');
    const inside = await vertices.evaluateAll(
      (nodes, box) =>
        nodes.findIndex((node) => {
          const r = node.getBoundingClientRect();
          return (
            r.left >= box.x &&
            r.right <= box.x + box.width &&
            r.top >= box.y &&
            r.bottom <= box.y + box.height
          );
        }),
      frame,
    );
    expect(inside).toBeGreaterThanOrEqual(0);
    const vertex = vertices.nth(inside);
    const name = (await vertex.locator('.vertex-name').textContent()) ?? '';
    await vertex.click();

    const panel = page.getByTestId('subtasks-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toContainText(name);
    await expect(
      panel.getByRole('table', { name: /^Subtasks of / }).locator('tbody tr'),
    ).toHaveCount(1);
    await expect(vertex).toHaveAttribute('data-selected', 'true');

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    // Stopped so that it costs the shared engine nothing after this test.
    await mutateAsAdmin(request, 'jobs.cancel', { jobId: JOB_ID });
  }
});
