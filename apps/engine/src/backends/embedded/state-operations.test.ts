import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type JobOperation, JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { BackendHarness } from '../../../testing/backend-harness.js';
import { boundedClickJob, datagenOf } from '../../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../../../testing/click-reference.js';
import { waitFor } from '../../../testing/wait-for.js';
import type { Manifest } from '../../checkpoint/storage/manifest.js';
import { METADATA_FILE, SHARED_DIR } from '../../checkpoint/storage/paths.js';

const current = BackendHarness.perTest();

/** ~4 s of throttled input with frequent checkpoints: operations land mid-run. */
function job(parallelism: number, resultsFile: string) {
  return boundedClickJob({
    count: 80_000,
    ratePerSecond: 20_000,
    throttle: true,
    resultsFile,
    checkpointIntervalMs: 200,
    parallelism,
  });
}

async function settle(operation: JobOperation): Promise<JobOperation> {
  return waitFor(`operation ${operation.kind} to end`, async () => {
    const now = await current().backend.operation(operation.id);
    return now.status === 'RUNNING' ? null : now;
  });
}

async function finished(jobId: string) {
  return waitFor('the job to finish', async () => {
    const detail = await current().backend.getJob(jobId);
    return detail.status === 'FINISHED' ? detail : null;
  });
}

const completedCheckpoints = (n: number) => () =>
  current().history.rows.filter((r) => r.kind === 'CHECKPOINT' && r.status === 'COMPLETED')
    .length >= n;

describe('rescale', () => {
  it('2 -> 1 -> 2 -> 3 keeps every key counted exactly once', async () => {
    const resultsFile = path.join(current().dir, 'results.jsonl');
    const spec = job(2, resultsFile);
    await current().backend.submit(spec);
    for (const parallelism of [1, 2, 3]) {
      await waitFor('a completed checkpoint', completedCheckpoints(1));
      const done = await settle(await current().backend.rescale({ jobId: spec.id, parallelism }));
      expect(done).toMatchObject({ status: 'SUCCEEDED', phase: 'DONE' });
      expect(done.phases.map((p) => p.phase)).toEqual([
        'STARTING',
        'TAKING_SAVEPOINT',
        'RESTORING',
        'DONE',
      ]);
      const detail = await current().backend.getJob(spec.id);
      expect(detail.vertices.find((v) => v.id === 'count-per-user')?.parallelism).toBe(parallelism);
    }
    await finished(spec.id);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
  });

  it('refuses a parallelism above maxParallelism, naming the limit', async () => {
    const spec = job(2, path.join(current().dir, 'r.jsonl'));
    await current().backend.submit(spec);
    await expect(current().backend.rescale({ jobId: spec.id, parallelism: 129 })).rejects.toThrow(
      /maxParallelism/,
    );
  });
});

describe('restore', () => {
  it('restores from a savepoint copied to another folder and ends with the failure-free results', async () => {
    const resultsFile = path.join(current().dir, 'results.jsonl');
    const spec = job(2, resultsFile);
    await current().backend.submit(spec);
    await waitFor('a completed checkpoint', completedCheckpoints(1));
    const savepoint = await current().backend.stopWithSavepoint(spec.id, false);
    const relocated = path.join(current().paths.roots.savepoints, 'elsewhere', 'my-savepoint');
    await cp(savepoint.path as string, relocated, { recursive: true });
    const check = await current().backend.restoreCheck({
      jobId: spec.id,
      snapshotPath: relocated,
      allowNonRestoredState: false,
    });
    expect(check.ok).toBe(true);
    const done = await settle(
      await current().backend.restore({
        jobId: spec.id,
        snapshotPath: relocated,
        allowNonRestoredState: false,
      }),
    );
    expect(done.status).toBe('SUCCEEDED');
    expect((await finished(spec.id)).restoredFrom).toBe(relocated);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
  });

  it('refuses state of a removed operator unless non-restored state is allowed', async () => {
    const resultsFile = path.join(current().dir, 'results.jsonl');
    const withTap = JobSpecSchema.parse({
      ...job(1, resultsFile),
      operators: [...job(1, resultsFile).operators, { uid: 'tap', kind: 'recent-results' }],
      edges: [...job(1, resultsFile).edges, { from: 'count-per-user', to: 'tap' }],
    });
    await current().backend.submit(withTap);
    await waitFor('a completed checkpoint', completedCheckpoints(1));
    const savepoint = await current().backend.stopWithSavepoint(withTap.id, false);
    const withoutTap = job(1, resultsFile);
    const request = { jobId: withTap.id, snapshotPath: savepoint.path as string, spec: withoutTap };
    const check = await current().backend.restoreCheck({
      ...request,
      allowNonRestoredState: false,
    });
    expect(check).toMatchObject({ ok: false, dropped: [{ uid: 'tap', kind: 'recent-results' }] });
    const refused = await settle(
      await current().backend.restore({ ...request, allowNonRestoredState: false }),
    );
    expect(refused.status).toBe('FAILED');
    expect(refused.error).toMatch(/state for "tap", which the job no longer has/);
    const allowed = await settle(
      await current().backend.restore({ ...request, allowNonRestoredState: true }),
    );
    expect(allowed.status).toBe('SUCCEEDED');
    expect((await current().backend.getJob(withTap.id)).vertices.map((v) => v.id)).not.toContain(
      'tap',
    );
    await finished(withTap.id);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(withoutTap), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
  });
});

describe('recovery', () => {
  it('falls back from a corrupted newest checkpoint to the previous one and says why', async () => {
    const resultsFile = path.join(current().dir, 'results.jsonl');
    const spec = job(1, resultsFile);
    await current().backend.submit(spec);
    await waitFor('three completed checkpoints', completedCheckpoints(3));
    await current().backend.close();
    const completed = current().history.rows.filter(
      (r) => r.kind === 'CHECKPOINT' && r.status === 'COMPLETED',
    );
    const newest = completed.at(-1);
    const previous = completed.at(-2);
    // Flip a byte of a keyed-state chunk only the newest checkpoint uses (chunks are shared).
    const chunksOf = async (dir: string) => {
      const manifest = JSON.parse(
        await readFile(path.join(dir, METADATA_FILE), 'utf8'),
      ) as Manifest;
      return new Set(manifest.files.filter((f) => f.scope === 'shared').map((f) => f.name));
    };
    const previousChunks = await chunksOf(previous?.path as string);
    const onlyNewest = [...(await chunksOf(newest?.path as string))].filter(
      (name) => !previousChunks.has(name),
    );
    expect(onlyNewest.length).toBeGreaterThan(0);
    const chunk = path.join(
      current().paths.checkpointsOf(spec.id),
      SHARED_DIR,
      onlyNewest[0] as string,
    );
    const bytes = await readFile(chunk);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] as number) ^ 0x20;
    await writeFile(chunk, bytes);
    await current().backend.submit(spec);
    const detail = await current().backend.getJob(spec.id);
    expect(detail.restoredFrom).not.toBe(newest?.path);
    expect(detail.restoredFrom).toMatch(/chk-\d+$/);
    expect(detail.recoveryFallbacks).toBe(1);
    const exceptions = await current().backend.exceptions(spec.id);
    expect(
      exceptions.some(
        (e) =>
          e.message.includes('CHECKSUM_MISMATCH') && e.message.includes(newest?.path as string),
      ),
    ).toBe(true);
    await finished(spec.id);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
  });
});
