import path from 'node:path';
import { type JobOperation, type JobSpec, JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { BackendHarness } from '../../../testing/backend-harness.js';
import { boundedClickJob, datagenOf } from '../../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  readResults,
  referenceWindowCounts,
  resultId,
} from '../../../testing/click-reference.js';
import { waitFor } from '../../../testing/wait-for.js';

const current = BackendHarness.perTest();

/** ~4 s of throttled input with frequent checkpoints: the upgrade lands mid-run. */
const v1 = (resultsFile: string) =>
  boundedClickJob({
    count: 80_000,
    ratePerSecond: 20_000,
    throttle: true,
    resultsFile,
    checkpointIntervalMs: 200,
    parallelism: 2,
  });

/** `spec` with operators and edges added. */
const extended = (spec: JobSpec, operators: unknown[], edges: unknown[]) =>
  JobSpecSchema.parse({
    ...spec,
    operators: [...spec.operators, ...operators],
    edges: [...spec.edges, ...edges],
  });

/** v1 plus a second count over 20 s windows, a new operator that starts empty. */
const withTwentySecondCount = (spec: JobSpec, resultsFile: string) =>
  extended(
    spec,
    [
      {
        uid: 'count-per-user-20s',
        kind: 'tumbling-count',
        config: { keyField: 'user', timeField: 'ts', sizeMs: 20_000 },
      },
      { uid: 'results-20s', kind: 'file-sink', parallelism: 1, config: { path: resultsFile } },
    ],
    [
      { from: 'parse', to: 'count-per-user-20s', partitioning: 'hash', keyField: 'user' },
      { from: 'count-per-user-20s', to: 'results-20s' },
    ],
  );

async function settle(operation: JobOperation): Promise<JobOperation> {
  return waitFor(`the ${operation.kind} to end`, async () => {
    const now = await current().backend.operation(operation.id);
    return now.status === 'RUNNING' ? null : now;
  });
}

const finished = (jobId: string) =>
  waitFor('the job to finish', async () => {
    const detail = await current().backend.getJob(jobId);
    return detail.status === 'FINISHED' ? detail : null;
  });

const aCompletedCheckpoint = () =>
  waitFor('a completed checkpoint', () =>
    current().history.rows.some((r) => r.kind === 'CHECKPOINT' && r.status === 'COMPLETED'),
  );

describe('upgrades', () => {
  it('submit is version 1; an upgrade from a savepoint keeps the counts of unchanged operators exactly', async () => {
    const { backend, dir } = current();
    const counts = path.join(dir, 'counts.jsonl');
    const counts20s = path.join(dir, 'counts-20s.jsonl');
    const spec = v1(counts);
    await backend.submitJob(spec, 'alice');
    expect((await backend.versionsOf(spec.id)).map((v) => [v.version, v.author, v.origin])).toEqual(
      [[1, 'alice', 'submit']],
    );
    await aCompletedCheckpoint();

    const next = withTwentySecondCount(spec, counts20s);
    const request = { jobId: spec.id, spec: next, mode: 'savepoint' as const };
    const dryRun = await backend.upgradeCheck({ ...request, allowNonRestoredState: false });
    expect(dryRun).toMatchObject({
      ok: true,
      needsAllowNonRestoredState: false,
      diff: {
        added: [
          { uid: 'count-per-user-20s', kind: 'tumbling-count' },
          { uid: 'results-20s', kind: 'file-sink' },
        ],
        removed: [],
        changed: [],
        settings: ['edges'],
      },
    });
    expect(dryRun.state?.startEmpty.map((op) => op.uid)).toEqual([
      'count-per-user-20s',
      'results-20s',
    ]);
    expect(dryRun.state?.restored.map((op) => op.uid)).toContain('count-per-user');

    const done = await settle(
      await backend.upgrade(
        { ...request, allowNonRestoredState: false, rollbackAfterMs: 60_000, comment: '20 s too' },
        'bob',
      ),
    );
    expect(done, done.error ?? '').toMatchObject({ kind: 'upgrade', status: 'SUCCEEDED' });
    expect(done.phases.map((p) => p.phase)).toEqual([
      'STARTING',
      'TAKING_SAVEPOINT',
      'CHECKING',
      'STARTING',
      'VERIFYING',
      'DONE',
    ]);
    const [upgraded, first] = await backend.versionsOf(spec.id);
    expect(upgraded).toMatchObject({
      version: 2,
      author: 'bob',
      origin: 'upgrade',
      comment: '20 s too',
      startedFrom: done.snapshotPath,
      rolledBack: null,
    });
    expect(upgraded?.spec.operators.map((op) => op.uid)).toContain('count-per-user-20s');
    expect(first?.version).toBe(1);

    const detail = await finished(spec.id);
    expect(detail.restoredFrom).toBe(done.snapshotPath);
    // The unchanged count carried its state through the upgrade: every window exactly once.
    expect(await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), counts)).toEqual(
      NO_DIFFERENCE,
    );
    // The new one started empty at the savepoint: it counted only what came after it.
    const reference20s = referenceWindowCounts(datagenOf(spec), 20_000);
    const partial = await readResults(counts20s);
    expect(partial.length).toBeGreaterThan(0);
    for (const result of partial)
      expect(result.count).toBeLessThanOrEqual(reference20s.get(resultId(result)) ?? 0);
  });

  it('refuses an upgrade that drops state without allowNonRestoredState, before stopping anything', async () => {
    const { backend, dir } = current();
    const counts = path.join(dir, 'counts.jsonl');
    const withTap = extended(
      v1(counts),
      [{ uid: 'tap', kind: 'recent-results' }],
      [{ from: 'count-per-user', to: 'tap' }],
    );
    await backend.submitJob(withTap, 'alice');
    await aCompletedCheckpoint();
    const request = { jobId: withTap.id, spec: v1(counts), mode: 'savepoint' as const };

    const dryRun = await backend.upgradeCheck({ ...request, allowNonRestoredState: false });
    expect(dryRun).toMatchObject({
      ok: false,
      needsAllowNonRestoredState: true,
      diff: { removed: [{ uid: 'tap', kind: 'recent-results' }] },
    });
    await expect(
      backend.upgrade({ ...request, allowNonRestoredState: false, rollbackAfterMs: 0 }, 'bob'),
    ).rejects.toThrow(/upgrade refused: the snapshot holds state for "tap"/);
    expect((await backend.getJob(withTap.id)).status).toBe('RUNNING');
    expect(await backend.versionsOf(withTap.id)).toHaveLength(1);

    const allowed = await settle(
      await backend.upgrade({ ...request, allowNonRestoredState: true, rollbackAfterMs: 0 }, 'bob'),
    );
    expect(allowed, allowed.error ?? '').toMatchObject({ status: 'SUCCEEDED' });
    expect((await backend.getJob(withTap.id)).vertices.map((v) => v.id)).not.toContain('tap');
    await finished(withTap.id);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(withTap), 10_000), counts),
    ).toEqual(NO_DIFFERENCE);
  });

  it('rolls a new version that fails at start back to the previous one, state intact', async () => {
    const { backend, dir } = current();
    const counts = path.join(dir, 'counts.jsonl');
    const spec = v1(counts);
    await backend.submitJob(spec, 'alice');
    await aCompletedCheckpoint();
    const failing = extended(
      spec,
      [
        {
          uid: 'flaky',
          kind: 'custom',
          config: { module: 'failing-map', config: { failAt: 100 } },
        },
        { uid: 'flaky-sink', kind: 'blackhole' },
      ],
      [
        { from: 'parse', to: 'flaky', partitioning: 'rebalance' },
        { from: 'flaky', to: 'flaky-sink' },
      ],
    );
    const done = await settle(
      await backend.upgrade(
        {
          jobId: spec.id,
          spec: { ...failing, restartStrategy: { type: 'none' } },
          mode: 'savepoint',
          allowNonRestoredState: false,
          rollbackAfterMs: 60_000,
        },
        'bob',
      ),
    );
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(
      /^version 2 did not prove itself: it ended FAILED; rolled back to version 1 from /,
    );
    expect(done.phases.map((p) => p.phase)).toContain('ROLLING_BACK');
    const [abandoned] = await backend.versionsOf(spec.id);
    expect(abandoned).toMatchObject({
      version: 2,
      rolledBack: { reason: 'version 2 did not prove itself: it ended FAILED' },
    });
    // Version 1 runs again from the savepoint the upgrade took, and misses nothing.
    const detail = await finished(spec.id);
    expect(detail.vertices.map((v) => v.id)).not.toContain('flaky');
    expect(abandoned?.startedFrom).toMatch(/savepoint/);
    expect(detail.restoredFrom).toBe(abandoned?.startedFrom);
    expect(await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), counts)).toEqual(
      NO_DIFFERENCE,
    );
  });
});
