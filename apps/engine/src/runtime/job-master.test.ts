import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  malformedClickLines,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../../testing/click-reference.js';
import { MasterHarness } from '../../testing/master-harness.js';
import { waitFor } from '../../testing/wait-for.js';
import { findLatestValidCheckpoint } from '../checkpoint/storage/storage.js';

let harness: MasterHarness;
let dir: string;
beforeEach(async () => {
  harness = await MasterHarness.create();
  dir = harness.dir;
});
afterEach(async () => {
  await harness.dispose();
});

function master(spec: ReturnType<typeof boundedClickJob>) {
  return { job: harness.master(spec), paths: harness.paths, history: harness.history };
}

describe.each([1, 2, 6])('JobMaster at parallelism %i', (parallelism) => {
  it('computes the reference window counts and counts malformed records as dead letters', async () => {
    const resultsFile = path.join(dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 30_000,
      ratePerSecond: 1000,
      throttle: false,
      resultsFile,
      checkpointIntervalMs: 100,
      parallelism,
    });
    const { job } = master(spec);
    await job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FINISHED');
    const reference = referenceWindowCounts(datagenOf(spec), 10_000);
    expect(await differenceOfFile(reference, resultsFile)).toEqual(NO_DIFFERENCE);
    // Every record either counted in a window or kept as a dead letter, with its reason.
    const counted = [...reference.values()].reduce((a, b) => a + b, 0);
    const deadLetters = job.observed.vertices().reduce((sum, v) => sum + v.metrics.deadLetters, 0);
    expect(deadLetters).toBe(30_000 - counted);
    expect(deadLetters).toBeGreaterThan(0);
    // Published once the checkpoints covering them committed: each malformed record once.
    const published = harness.deadLetters;
    expect(published.count).toBe(deadLetters);
    expect(published.records().sort()).toEqual(malformedClickLines(datagenOf(spec)).sort());
    expect(published.reasons().every((r) => /malformed JSON/.test(r))).toBe(true);
  });

  it('restores from the latest checkpoint after stopping mid-run and ends with the failure-free results', async () => {
    const resultsFile = path.join(dir, 'results.jsonl');
    // ~4 s of input: three checkpoints and a savepoint fit well before the end, even on a busy machine.
    const spec = boundedClickJob({
      count: 160_000,
      ratePerSecond: 40_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 200,
      parallelism,
    });
    const first = master(spec);
    await first.job.start({ restore: null, firstCheckpointId: 1 });
    await waitFor(
      'three completed checkpoints',
      () => first.history.rows.filter((r) => r.status === 'COMPLETED').length >= 3,
    );
    const checkpoint = first.history.rows.find((r) => r.status === 'COMPLETED');
    // Every subtask acknowledged, with its timings; the last one is named the straggler.
    const subtaskCount = first.job.plan.vertices.reduce((n, v) => n + v.parallelism, 0);
    expect(checkpoint?.stats?.subtasks).toHaveLength(subtaskCount);
    expect(checkpoint?.stats?.straggler?.ackMs).toBe(
      Math.max(...(checkpoint?.stats?.subtasks ?? []).map((s) => s.ackMs)),
    );
    const savepoint = await first.job.requestSavepoint();
    expect(savepoint.path.startsWith(path.join(dir, 'sp', spec.id))).toBe(true);
    await first.job.cancel(); // abandons everything after the last completed checkpoint

    const recovery = await findLatestValidCheckpoint(first.paths.checkpointsOf(spec.id));
    const positions = Object.values(recovery.snapshot?.manifest.sourcePositions ?? {});
    expect(positions.length).toBeGreaterThan(0);
    const second = master(spec);
    await second.job.start({
      restore: recovery.snapshot,
      firstCheckpointId: recovery.highestSeenId + 2,
    });
    await second.job.whenTerminated();
    expect(second.job.status).toBe('FINISHED');
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
    // The first run's dead letters after its last checkpoint were abandoned with it, and came
    // again in the second: every malformed record is one dead letter, none twice.
    expect(harness.deadLetters.records().sort()).toEqual(
      malformedClickLines(datagenOf(spec)).sort(),
    );
    const ids = first.history.rows.map((r) => r.checkpointId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
