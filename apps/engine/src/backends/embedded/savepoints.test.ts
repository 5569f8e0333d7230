import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendHarness } from '../../../testing/backend-harness.js';
import { boundedClickJob } from '../../../testing/bounded-click-job.js';
import { waitFor } from '../../../testing/wait-for.js';

const current = BackendHarness.perTest();

/** By default a job still running when its savepoints are taken, no periodic checkpoint due. */
const clickJob = (overrides: Partial<Parameters<typeof boundedClickJob>[0]> = {}) =>
  boundedClickJob({
    count: 200_000,
    ratePerSecond: 20_000,
    throttle: true,
    resultsFile: path.join(current().dir, 'r.jsonl'),
    checkpointIntervalMs: 60_000,
    ...overrides,
  });

describe('savepoint triggers', () => {
  it('a savepoint or stop of a job that is not running is a conflict, not an internal error', async () => {
    const spec = clickJob({ count: 1000, throttle: false });
    await current().backend.submit(spec);
    await waitFor('the job to finish', async () => {
      const job = await current().backend.getJob(spec.id);
      return job.status === 'FINISHED';
    });
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'OK',
        (error: { code?: string }) => error.code,
      );
    expect(await code(current().backend.stopWithSavepoint(spec.id, false))).toBe('CONFLICT');
    expect(await code(current().backend.triggerSavepoint(spec.id))).toBe('CONFLICT');
  });

  it('a retry with the same trigger id joins the first savepoint instead of taking a second', async () => {
    const spec = clickJob();
    await current().backend.submit(spec);
    const [first, retry] = await Promise.all([
      current().backend.triggerSavepoint(spec.id, 'deploy-42'),
      current().backend.triggerSavepoint(spec.id, 'deploy-42'),
    ]);
    expect(retry).toEqual(first);
    const later = await current().backend.triggerSavepoint(spec.id, 'deploy-42');
    expect(later.checkpointId).toBe(first.checkpointId);
    expect(current().history.rows.filter((r) => r.kind === 'SAVEPOINT')).toHaveLength(1);
    expect(await current().backend.savepointStatus(spec.id, 'deploy-42')).toMatchObject({
      status: 'COMPLETED',
      savepoint: { path: first.path },
    });
    const other = await current().backend.triggerSavepoint(spec.id, 'deploy-43');
    expect(other.checkpointId).not.toBe(first.checkpointId);
  });

  it('disposes of a savepoint: its files go, its history stays, marked', async () => {
    const spec = clickJob();
    await current().backend.submit(spec);
    const savepoint = await current().backend.triggerSavepoint(spec.id);
    expect(existsSync(savepoint.path as string)).toBe(true);
    const disposed = await current().backend.disposeSavepoint(spec.id, savepoint.checkpointId);
    expect(existsSync(savepoint.path as string)).toBe(false);
    expect(disposed.disposedAt).toEqual(expect.any(String));
    expect((await current().backend.listSavepoints(spec.id, 10))[0]?.disposedAt).toBe(
      disposed.disposedAt,
    );
    await expect(
      current().backend.disposeSavepoint(spec.id, savepoint.checkpointId),
    ).rejects.toThrow(/already disposed of/);
  });

  it('cancel keeps checkpoints by default and deletes them when retain-on-cancel is off', async () => {
    const base = clickJob({ checkpointIntervalMs: 100 });
    for (const retainOnCancel of [true, false]) {
      const spec = {
        ...base,
        id: `retain-${retainOnCancel}`,
        checkpointing: { ...base.checkpointing, retainOnCancel },
      };
      await current().backend.submit(spec);
      await waitFor('a completed checkpoint', () =>
        current().history.rows.some((r) => r.jobId === spec.id && r.status === 'COMPLETED'),
      );
      expect((await current().backend.cancel(spec.id)).status).toBe('CANCELED');
      expect(existsSync(current().paths.checkpointsOf(spec.id))).toBe(retainOnCancel);
    }
  });

  it('reports an unknown trigger id as not found', async () => {
    const spec = clickJob({ count: 10_000 });
    await current().backend.submit(spec);
    await expect(current().backend.savepointStatus(spec.id, 'never')).rejects.toThrow(
      'savepoint trigger never of job bounded-clicks not found',
    );
  });
});
