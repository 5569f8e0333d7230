import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendHarness } from '../../../testing/backend-harness.js';
import { boundedClickJob } from '../../../testing/bounded-click-job.js';
import { waitFor } from '../../../testing/wait-for.js';

const current = BackendHarness.perTest();

/** A job that keeps running for the whole test. */
const runningJob = () =>
  boundedClickJob({
    count: 1_000_000,
    ratePerSecond: 2_000,
    throttle: true,
    parallelism: 2,
    resultsFile: path.join(current().dir, 'r.jsonl'),
    checkpointIntervalMs: 200,
  });

describe('what the backend tells about a running job', () => {
  it('serves the spec it runs and its max parallelism with the job', async () => {
    const spec = runningJob();
    await current().backend.submit(spec);
    const job = await current().backend.getJob(spec.id);
    expect(job.maxParallelism).toBe(spec.maxParallelism);
    expect(job.spec?.checkpointing).toEqual(spec.checkpointing);
    expect(job.spec?.operators.map((op) => op.uid)).toEqual(spec.operators.map((op) => op.uid));
  });

  it('keeps each subtask busy and backpressured ratios as a growing series', async () => {
    const spec = runningJob();
    await current().backend.submit(spec);
    const vertexId = (await current().backend.getJob(spec.id)).vertices[0]?.id as string;
    const history = await waitFor('three load samples per subtask', async () => {
      const h = await current().backend.vertexLoadHistory(spec.id, vertexId);
      return h.subtasks.every((s) => s.samples.length >= 3) ? h : null;
    });
    expect(history.subtasks.map((s) => s.subtaskIndex)).toEqual([0, 1]);
    for (const { samples } of history.subtasks) {
      const times = samples.map((s) => s.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const s of samples) {
        expect(s.busyRatio).toBeGreaterThanOrEqual(0);
        expect(s.busyRatio + s.backpressuredRatio).toBeLessThanOrEqual(1.0001);
      }
    }
    await expect(current().backend.vertexLoadHistory(spec.id, 'no-such-vertex')).rejects.toThrow(
      /vertex no-such-vertex/,
    );
  });

  it('counts checkpoints by status', async () => {
    const spec = runningJob();
    await current().backend.submit(spec);
    const counts = await waitFor('two completed checkpoints', async () => {
      const c = await current().backend.checkpointCounts(spec.id);
      return c.completed >= 2 ? c : null;
    });
    const rows = current().history.rows.filter((r) => r.kind === 'CHECKPOINT');
    expect(counts.completed + counts.failed + counts.inProgress).toBeLessThanOrEqual(rows.length);
    expect(counts.failed).toBe(0);
  });

  it('lists the job operations, the running rescale included, newest first', async () => {
    const spec = runningJob();
    await current().backend.submit(spec);
    expect(await current().backend.listOperations(spec.id)).toEqual([]);
    const rescale = await current().backend.rescale({ jobId: spec.id, parallelism: 1 });
    const [listed] = await current().backend.listOperations(spec.id);
    expect(listed).toMatchObject({ id: rescale.id, kind: 'rescale' });
    await waitFor('the rescale to end', async () => {
      const [op] = await current().backend.listOperations(spec.id);
      return op?.status === 'SUCCEEDED';
    });
    const again = await current().backend.rescale({ jobId: spec.id, parallelism: 2 });
    const ids = (await current().backend.listOperations(spec.id)).map((op) => op.id);
    expect(ids).toEqual([again.id, rescale.id]);
    await waitFor('the second rescale to end', async () => {
      const [op] = await current().backend.listOperations(spec.id);
      return op?.status !== 'RUNNING';
    });
  });
});
