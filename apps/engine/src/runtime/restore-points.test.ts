import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type JobSpec, JobSpecSchema, type WindowResult } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../../testing/bounded-click-job.js';
import {
  differenceFrom,
  differenceOfFile,
  NO_DIFFERENCE,
  readResults,
  referenceWindowCounts,
} from '../../testing/click-reference.js';
import { MasterHarness } from '../../testing/master-harness.js';
import type { LoadedSnapshot } from '../checkpoint/storage/storage.js';
import { listCheckpointDirs, readSnapshot } from '../checkpoint/storage/storage.js';
import type { FileSinkState } from '../operators/file-sink.js';

const current = MasterHarness.perTest();
const WINDOW_MS = 10_000;
/** Restores per parallelism, spread over the run's checkpoints. */
const RESTORES = 6;

/**
 * What a failure-free run's file held when `snapshot` was taken: the lines its file sink had
 * committed. A run restored from it owes exactly the rest of the reference.
 */
async function committedAt(snapshot: LoadedSnapshot, file: string): Promise<WindowResult[]> {
  const [sink] = (snapshot.states.get('results')?.operator ?? []).flat() as FileSinkState[];
  const committed = (await readFile(file)).subarray(0, sink?.committedBytes ?? 0);
  return committed
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as WindowResult);
}

/** The same job under its own id and results file, at `parallelism`, reading at full speed. */
function restoredSpec(
  spec: JobSpec,
  id: string,
  parallelism: number,
  resultsFile: string,
): JobSpec {
  return JobSpecSchema.parse({
    ...spec,
    id,
    parallelism,
    operators: spec.operators.map((op) => {
      if (op.uid === 'results') return { ...op, config: { path: resultsFile } };
      if (op.kind === 'datagen') return { ...op, config: { ...op.config, throttle: false } };
      return op;
    }),
  });
}

/**
 * One failure-free run keeps every checkpoint; then each of several, from early to late, is
 * restored (at the same parallelism, at 1 and one higher) and run to the end, writing to a
 * file of its own. What the failure-free run had committed at that checkpoint plus what the
 * restored run wrote must be the reference exactly: every window once. At 6 subtasks, two of the four splits' sources have
 * nothing to read and finish at once: checkpoints from then on hold them as finished.
 */
describe.each([2, 3, 6])('restoring at parallelism %i', (parallelism) => {
  it('from checkpoints taken all through a run gives the failure-free counts', async () => {
    const dir = current().dir;
    const base = boundedClickJob({
      count: 60_000,
      ratePerSecond: 20_000,
      throttle: true,
      resultsFile: path.join(dir, 'failure-free.jsonl'),
      checkpointIntervalMs: 100,
      parallelism,
    });
    const spec = JobSpecSchema.parse({
      ...base,
      checkpointing: { ...base.checkpointing, retained: 100 },
    });
    const first = current().master(spec);
    await first.start({ restore: null, firstCheckpointId: 1 });
    await first.whenTerminated();
    expect(first.status).toBe('FINISHED');
    const failureFreeFile = path.join(dir, 'failure-free.jsonl');
    const reference = referenceWindowCounts(datagenOf(spec), WINDOW_MS);
    expect(await differenceOfFile(reference, failureFreeFile)).toEqual(NO_DIFFERENCE);

    const checkpoints = (
      await listCheckpointDirs(current().paths.checkpointsOf(spec.id))
    ).reverse();
    // How many fit in the run depends on the machine (each one fsyncs its files); at least one
    // always does, and at parallelism 6 none did while finished subtasks paused checkpoints.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    const step = Math.max(1, Math.floor(checkpoints.length / RESTORES));
    const chosen = checkpoints.filter((_, i) => i % step === 0).slice(0, RESTORES);
    if (parallelism > 4) {
      // The newest is the final checkpoint: it holds every subtask finished, so the restores
      // include one of finished subtasks. (An early checkpoint may have been triggered before
      // the sources without a split ran and finished.)
      const newest = await readSnapshot((chosen[0] as { dir: string }).dir);
      expect(newest.states.get('clicks')?.finishedSubtasks).toEqual(expect.arrayContaining([4, 5]));
    }
    const problems: string[] = [];
    for (const [n, { dir: checkpointDir, id }] of chosen.entries()) {
      const snapshot = await readSnapshot(checkpointDir);
      const restoreAt = [parallelism, 1, parallelism + 1][n % 3] as number;
      const resultsFile = path.join(dir, `from-${id}.jsonl`);
      const restored = current().master(
        restoredSpec(spec, `${spec.id}-from-${id}`, restoreAt, resultsFile),
      );
      await restored.start({ restore: snapshot, firstCheckpointId: id + 1 });
      await restored.whenTerminated();
      const output = [
        ...(await committedAt(snapshot, failureFreeFile)),
        ...(await readResults(resultsFile)),
      ];
      const difference = differenceFrom(reference, output);
      if (JSON.stringify(difference) !== JSON.stringify(NO_DIFFERENCE))
        problems.push(
          `checkpoint ${id} restored at parallelism ${restoreAt}: ${JSON.stringify(difference)}`,
        );
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
