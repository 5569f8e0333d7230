import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WindowResult } from '@weir/shared';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotPaths } from '../checkpoint/paths.js';
import { findLatestValidCheckpoint } from '../checkpoint/storage.js';
import { boundedClickJob, datagenOf } from '../testing/bounded-click-job.js';
import { foldResults, referenceWindowCounts } from '../testing/click-reference.js';
import { MemoryHistory } from '../testing/memory-history.js';
import { waitFor } from '../testing/wait-for.js';
import { JobRunner } from './job-runner.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-runner-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const logger = pino({ level: 'silent' });
const readResults = async (file: string): Promise<WindowResult[]> =>
  (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

function runner(spec: ReturnType<typeof boundedClickJob>, history = new MemoryHistory()) {
  const paths = createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp'));
  return { runner: new JobRunner(spec, { paths, history, logger, now: Date.now }), paths, history };
}

describe('JobRunner', () => {
  it('computes the same window counts as the reference and counts malformed records as dead letters', async () => {
    const resultsFile = path.join(dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 30_000,
      ratePerSecond: 1000,
      throttle: false,
      resultsFile,
      checkpointIntervalMs: 100,
    });
    const { runner: job } = runner(spec);
    job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FINISHED');
    const reference = referenceWindowCounts(datagenOf(spec), 10_000);
    expect(foldResults(await readResults(resultsFile))).toEqual(reference);
    const counted = [...reference.values()].reduce((a, b) => a + b, 0);
    expect(job.deadLetters.total).toBe(30_000 - counted);
    expect(job.deadLetters.total).toBeGreaterThan(0);
    expect(job.deadLetters.recent(1)[0]?.reason).toMatch(/malformed JSON/);
  });

  it('takes periodic checkpoints and a savepoint on request, recording both', async () => {
    const spec = boundedClickJob({
      count: 1_000_000,
      ratePerSecond: 20_000,
      throttle: true,
      resultsFile: path.join(dir, 'r.jsonl'),
      checkpointIntervalMs: 100,
    });
    const { runner: job, history } = runner(spec);
    job.start({ restore: null, firstCheckpointId: 1 });
    await waitFor(
      'two completed checkpoints',
      () =>
        history.rows.filter((r) => r.kind === 'CHECKPOINT' && r.status === 'COMPLETED').length >= 2,
    );
    const savepoint = await job.requestSavepoint();
    await job.cancel();
    expect(job.status).toBe('CANCELED');
    expect(savepoint.path.startsWith(path.join(dir, 'sp', spec.id))).toBe(true);
    const ids = history.rows.map((r) => r.checkpointId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(history.rows.find((r) => r.kind === 'SAVEPOINT')).toMatchObject({
      status: 'COMPLETED',
      path: savepoint.path,
    });
  });

  it('after stopping mid-run and restoring from the latest checkpoint, ends with the failure-free results', async () => {
    const resultsFile = path.join(dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 60_000,
      ratePerSecond: 40_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 200,
    });
    const first = runner(spec);
    first.runner.start({ restore: null, firstCheckpointId: 1 });
    await waitFor(
      'three completed checkpoints',
      () => first.history.rows.filter((r) => r.status === 'COMPLETED').length >= 3,
    );
    await first.runner.cancel(); // abandons everything after the last completed checkpoint

    const recovery = await findLatestValidCheckpoint(first.paths.checkpointsOf(spec.id));
    const restoredOffset = recovery.snapshot?.manifest.sourcePositions['clicks/0'] ?? 0;
    expect(restoredOffset).toBeGreaterThan(0);
    expect(restoredOffset).toBeLessThan(60_000);
    const second = runner(spec, first.history);
    second.runner.start({
      restore: recovery.snapshot,
      firstCheckpointId: recovery.highestSeenId + 1,
    });
    await second.runner.whenTerminated();
    expect(second.runner.status).toBe('FINISHED');
    expect(foldResults(await readResults(resultsFile))).toEqual(
      referenceWindowCounts(datagenOf(spec), 10_000),
    );
  });
});
