import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManifestSchema } from './manifest.js';
import { createSnapshotPaths, METADATA_FILE } from './paths.js';
import {
  findLatestValidCheckpoint,
  pruneCheckpoints,
  readSnapshot,
  type SnapshotContent,
  SnapshotInvalidError,
  writeSnapshot,
} from './storage.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'weir-storage-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const content = (checkpointId: number, count: number): SnapshotContent => ({
  jobId: 'job',
  checkpointId,
  kind: 'CHECKPOINT',
  maxParallelism: 128,
  operators: [
    {
      uid: 'src',
      kind: 'datagen',
      parallelism: 1,
      keyGroupRanges: [[0, 127]],
      state: { offset: count },
    },
    {
      uid: 'win',
      kind: 'tumbling-count',
      parallelism: 1,
      keyGroupRanges: [[0, 127]],
      state: { windows: [[0, [['a', count]]]] },
    },
  ],
  sourcePositions: { src: count },
});

describe('checkpoint storage', () => {
  it('writes a manifest listing every file with size and checksum, and reads it back', async () => {
    const paths = createSnapshotPaths(root, root);
    const dir = paths.checkpoint('job', 7);
    const { manifest, sizeBytes } = await writeSnapshot(dir, content(7, 3));
    expect(
      ManifestSchema.parse(JSON.parse(await readFile(path.join(dir, METADATA_FILE), 'utf8'))),
    ).toEqual(manifest);
    expect(manifest.files.map((f) => f.name).sort()).toEqual(['op-src.json', 'op-win.json']);
    expect(sizeBytes).toBe(manifest.files.reduce((sum, f) => sum + f.sizeBytes, 0));
    expect((await readdir(dir)).sort()).toEqual([METADATA_FILE, 'op-src.json', 'op-win.json']);
    const loaded = await readSnapshot(dir);
    expect(loaded.states.get('src')).toEqual({ offset: 3 });
    expect(loaded.manifest.sourcePositions).toEqual({ src: 3 });
  });

  it('rejects a snapshot with a flipped byte, a missing file or no manifest', async () => {
    const paths = createSnapshotPaths(root, root);
    const dir = paths.checkpoint('job', 1);
    await writeSnapshot(dir, content(1, 5));
    const file = path.join(dir, 'op-win.json');
    const original = await readFile(file);
    const flipped = Buffer.from(original);
    flipped[3] = (flipped[3] as number) ^ 0x01;
    await writeFile(file, flipped);
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'CHECKSUM_MISMATCH' });
    await rm(file);
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'MISSING_FILE' });
    await rm(path.join(dir, METADATA_FILE));
    await expect(readSnapshot(dir)).rejects.toBeInstanceOf(SnapshotInvalidError);
  });

  it('recovers from the newest valid checkpoint and reports the ones it skipped', async () => {
    const paths = createSnapshotPaths(root, root);
    for (const id of [1, 2, 3])
      await writeSnapshot(paths.checkpoint('job', id), content(id, id * 10));
    await writeFile(path.join(paths.checkpoint('job', 3), 'op-src.json'), '{"offset":999}');
    const choice = await findLatestValidCheckpoint(paths.checkpointsOf('job'));
    expect(choice.snapshot?.manifest.checkpointId).toBe(2);
    expect(choice.skipped).toHaveLength(1);
    expect(choice.skipped[0]?.defect).toBe('CHECKSUM_MISMATCH');
    expect(choice.highestSeenId).toBe(3);
  });

  it('finds nothing in an empty or missing directory', async () => {
    const choice = await findLatestValidCheckpoint(path.join(root, 'nope'));
    expect(choice).toEqual({ snapshot: null, skipped: [], highestSeenId: 0 });
  });

  it('prunes to the retained count without touching in-flight checkpoints', async () => {
    const paths = createSnapshotPaths(root, root);
    for (const id of [1, 2, 3, 4])
      await writeSnapshot(paths.checkpoint('job', id), content(id, id));
    // chk-5 is being written: no manifest yet, and it must survive pruning.
    await writeSnapshot(paths.checkpoint('job', 5), content(5, 5));
    await rm(path.join(paths.checkpoint('job', 5), METADATA_FILE));
    await pruneCheckpoints(paths.checkpointsOf('job'), 2, new Set([5]));
    expect((await readdir(paths.checkpointsOf('job'))).sort()).toEqual(['chk-3', 'chk-4', 'chk-5']);
  });
});
