import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WindowCheckpoints } from '../../../testing/window-state-fixture.js';
import { createSnapshotPaths, SHARED_DIR, type SnapshotPaths } from './paths.js';
import { pruneCheckpoints, readSnapshot } from './storage.js';

let root: string;
let paths: SnapshotPaths;
let jobDir: string;
let checkpoints: WindowCheckpoints;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  root = await mkdtemp(path.join(tmpdir(), 'weir-pins-'));
  paths = createSnapshotPaths(path.join(root, 'chk'), path.join(root, 'sp'));
  jobDir = paths.checkpointsOf('job');
  checkpoints = new WindowCheckpoints(50, 8);
});
afterEach(async () => {
  vi.runAllTimers(); // releases every pin
  vi.useRealTimers();
  await rm(root, { recursive: true, force: true });
});

/** Checkpoint `id`, with key group `id % 8` changed, so each one writes a segment of its own. */
const write = (id: number) => checkpoints.write(paths.checkpoint('job', id), id, paths.claims);

const checkpointsOnDisk = async () =>
  (await readdir(jobDir)).filter((entry) => entry !== SHARED_DIR).sort();

describe('pinning a snapshot chosen for a restore', () => {
  it('keeps it and its shared segments through retention until the pin runs out', async () => {
    for (const id of [1, 2, 3, 4]) await write(id);
    await paths.claims.pin(paths.checkpoint('job', 1), 60_000);
    await pruneCheckpoints(jobDir, 2, new Set(), paths.claims);
    expect(await checkpointsOnDisk()).toEqual(['chk-1', 'chk-3', 'chk-4']);
    // Whole, segments included: it still restores.
    await readSnapshot(paths.checkpoint('job', 1));

    vi.advanceTimersByTime(60_000);
    await pruneCheckpoints(jobDir, 2, new Set(), paths.claims);
    expect(await checkpointsOnDisk()).toEqual(['chk-3', 'chk-4']);
  });

  it('starts the time again when the same snapshot is pinned again', async () => {
    for (const id of [1, 2, 3]) await write(id);
    await paths.claims.pin(paths.checkpoint('job', 1), 60_000);
    vi.advanceTimersByTime(50_000);
    await paths.claims.pin(paths.checkpoint('job', 1), 60_000);
    vi.advanceTimersByTime(50_000);
    await pruneCheckpoints(jobDir, 1, new Set(), paths.claims);
    expect(await checkpointsOnDisk()).toEqual(['chk-1', 'chk-3']);

    vi.advanceTimersByTime(10_000);
    await pruneCheckpoints(jobDir, 1, new Set(), paths.claims);
    expect(await checkpointsOnDisk()).toEqual(['chk-3']);
  });
});
