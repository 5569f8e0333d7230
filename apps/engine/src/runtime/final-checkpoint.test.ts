import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../../testing/click-reference.js';
import { MasterHarness } from '../../testing/master-harness.js';
import { waitFor } from '../../testing/wait-for.js';
import { StorageCheckpointHa } from '../checkpoint/checkpoint-ha.js';

const harness = MasterHarness.perTest();

/** Long enough that no periodic checkpoint comes before the input ends. */
const NO_PERIODIC_CHECKPOINT_MS = 3_600_000;

const jobWritingTo = (resultsFile: string) =>
  boundedClickJob({
    count: 20_000,
    ratePerSecond: 1000,
    throttle: false,
    resultsFile,
    checkpointIntervalMs: NO_PERIODIC_CHECKPOINT_MS,
  });

describe('the final checkpoint of a bounded job', () => {
  it('is taken once every subtask finished, and the sink writes its last results with it', async () => {
    const h = harness();
    const resultsFile = path.join(h.dir, 'results.jsonl');
    const spec = jobWritingTo(resultsFile);
    const job = h.master(spec);
    await job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FINISHED');
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
    const completed = h.history.rows.filter((r) => r.status === 'COMPLETED');
    expect(completed.map((r) => r.checkpointId)).toEqual([1]);
  });

  it('writes nothing, and does not finish the job, where the commit is refused (a deposed leader)', async () => {
    const h = harness();
    const resultsFile = path.join(h.dir, 'results.jsonl');
    const spec = jobWritingTo(resultsFile);
    const deposed = new StorageCheckpointHa(h.paths.checkpointsOf(spec.id), 1, () => {
      throw new Error('not the leader');
    });
    const job = h.master(spec, { checkpointHa: deposed });
    await job.start({ restore: null, firstCheckpointId: 1 });
    // No periodic checkpoint comes first: a refused one is the final one, so every subtask
    // finished, with its last results held in the sink's final state.
    await waitFor('the final checkpoint to be refused', () =>
      h.history.rows.some((r) => r.status === 'FAILED' && r.failureReason === 'NOT_LEADER'),
    );
    expect(job.status).toBe('RUNNING');
    await expect(stat(resultsFile)).rejects.toThrow(/ENOENT/);
  });
});
