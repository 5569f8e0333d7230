import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slotsOfGroup } from '../operators/windows/packed-windows.js';
import { serialiseStored } from './chunking.js';
import { ManifestSchema } from './manifest.js';
import { createSnapshotPaths, METADATA_FILE, SHARED_DIR, type SnapshotPaths } from './paths.js';
import type { StoredOperatorState } from './state-assignment.js';
import {
  findLatestValidCheckpoint,
  readSnapshot,
  type SnapshotContent,
  SnapshotInvalidError,
  writeSnapshot,
} from './storage.js';
import { windowState } from './window-state-fixture.js';

let root: string;
let paths: SnapshotPaths;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'weir-storage-'));
  paths = createSnapshotPaths(path.join(root, 'chk'), path.join(root, 'sp'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const KEYS = 2000;
const MAX_PARALLELISM = 128;
/** Every key counted once, except keys in `changedGroup`, counted `round` times. */
const state = (round: number, changedGroup = -1) =>
  windowState(KEYS, MAX_PARALLELISM, (_, group) => (group === changedGroup ? round : 1));

const content = (
  checkpointId: number,
  win: StoredOperatorState,
  kind: SnapshotContent['kind'] = 'CHECKPOINT',
): SnapshotContent => ({
  jobId: 'job',
  checkpointId,
  kind,
  maxParallelism: MAX_PARALLELISM,
  operators: [
    {
      uid: 'src',
      kind: 'datagen',
      parallelism: 2,
      keyGroupRanges: [
        [0, 63],
        [64, 127],
      ],
      // Subtask 1 had finished (it had no split): the manifest says so.
      state: {
        parallelism: 2,
        keyed: [],
        operator: [[{ split: 0, offset: checkpointId }], []],
        finishedSubtasks: [1],
      },
    },
    {
      uid: 'win',
      kind: 'tumbling-count',
      parallelism: 1,
      keyGroupRanges: [[0, 127]],
      state: serialiseStored(win),
    },
  ],
  sourcePositions: { 'src/0': checkpointId },
});

const sharedFiles = () => readdir(path.join(paths.checkpointsOf('job'), SHARED_DIR));

describe('checkpoint storage', () => {
  it('writes keyed state as shared chunks and list state in its folder, and reads it back', async () => {
    const dir = paths.checkpoint('job', 7);
    const win = state(1);
    const { manifest, sizeBytes, writtenBytes } = await writeSnapshot(dir, content(7, win));
    expect(
      ManifestSchema.parse(JSON.parse(await readFile(path.join(dir, METADATA_FILE), 'utf8'))),
    ).toEqual(manifest);
    expect((await readdir(dir)).sort()).toEqual([METADATA_FILE, 'op-src.json', 'op-win.json']);
    const chunks = manifest.operators.find((op) => op.uid === 'win')?.keyedChunks ?? [];
    expect(chunks).toHaveLength(win.keyed.length);
    expect((await sharedFiles()).sort()).toEqual(chunks.map((c) => c.file).sort());
    expect(sizeBytes).toBe(manifest.files.reduce((sum, f) => sum + f.sizeBytes, 0));
    expect(writtenBytes).toBe(sizeBytes);

    const loaded = await readSnapshot(dir);
    expect(loaded.states.get('win')).toEqual({
      ...win,
      keyed: win.keyed.sort((a, b) => a[0] - b[0]),
      finishedSubtasks: [],
    });
    expect(loaded.states.get('src')?.operator).toEqual([[{ split: 0, offset: 7 }], []]);
    expect(loaded.states.get('src')?.finishedSubtasks).toEqual([1]);
    expect(loaded.manifest.sourcePositions).toEqual({ 'src/0': 7 });
  });

  it('writes only the changed key group the next time: about 1/N of the bytes', async () => {
    const first = await writeSnapshot(paths.checkpoint('job', 1), content(1, state(1)));
    const groups = state(1).keyed.length;
    const second = await writeSnapshot(paths.checkpoint('job', 2), content(2, state(2, 5)));
    expect(second.sizeBytes).toBe(first.sizeBytes);
    // One chunk of N plus the small list-state files.
    expect(second.writtenBytes).toBeLessThan((first.writtenBytes * 2) / groups);
    expect(await sharedFiles()).toHaveLength(groups + 1);
    const restored = await readSnapshot(paths.checkpoint('job', 2));
    const group5 = restored.states.get('win')?.keyed.find(([group]) => group === 5)?.[1];
    expect(slotsOfGroup(group5, 5).every((slot) => slot.count === 2)).toBe(true);
  });

  it('writes a savepoint self-contained, so a copy elsewhere reads back the same state', async () => {
    await writeSnapshot(paths.checkpoint('job', 1), content(1, state(1)));
    const dir = paths.savepoint('job', 2, 'abc');
    const written = await writeSnapshot(dir, content(2, state(1), 'SAVEPOINT'));
    expect(written.writtenBytes).toBe(written.sizeBytes);
    expect(written.manifest.files.every((f) => f.scope === 'own')).toBe(true);
    const moved = path.join(root, 'elsewhere', 'my-savepoint');
    await cp(dir, moved, { recursive: true });
    await rm(path.join(root, 'sp'), { recursive: true });
    await rm(path.join(root, 'chk'), { recursive: true });
    const loaded = await readSnapshot(moved);
    expect(loaded.manifest.kind).toBe('SAVEPOINT');
    expect(loaded.states.get('win')?.keyed).toEqual(state(1).keyed.sort((a, b) => a[0] - b[0]));
  });

  it('rejects a flipped byte or a missing file, shared or own, and a missing manifest', async () => {
    const dir = paths.checkpoint('job', 1);
    const { manifest } = await writeSnapshot(dir, content(1, state(1)));
    const shared = manifest.files.find((f) => f.scope === 'shared')?.name as string;
    const chunk = path.join(paths.checkpointsOf('job'), SHARED_DIR, shared);
    const original = await readFile(chunk);
    const flipped = Buffer.from(original);
    flipped[3] = (flipped[3] as number) ^ 0x01;
    await writeFile(chunk, flipped);
    await expect(readSnapshot(dir)).rejects.toMatchObject({
      defect: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining(`shared file ${shared}`),
    });
    await rm(chunk);
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'MISSING_FILE' });
    await writeFile(chunk, original);
    await rm(path.join(dir, 'op-src.json'));
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'MISSING_FILE' });
    await rm(path.join(dir, METADATA_FILE));
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'MISSING_METADATA' });
  });

  it('reports an older manifest format or a path outside the snapshot as BAD_METADATA', async () => {
    const dir = paths.checkpoint('job', 1);
    const { manifest } = await writeSnapshot(dir, content(1, state(1)));
    const metadata = path.join(dir, METADATA_FILE);
    await writeFile(metadata, JSON.stringify({ ...manifest, formatVersion: 2 }));
    await expect(readSnapshot(dir)).rejects.toMatchObject({
      defect: 'BAD_METADATA',
      message: expect.stringContaining('format version 2 is not supported'),
    });
    const escaping = { ...manifest.files[0], scope: 'own', name: '../../../etc/passwd' };
    await writeFile(
      metadata,
      JSON.stringify({ ...manifest, files: [escaping, ...manifest.files] }),
    );
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'BAD_METADATA' });
    await writeFile(metadata, '{"formatVersion": 3, "trunc');
    await expect(readSnapshot(dir)).rejects.toBeInstanceOf(SnapshotInvalidError);
  });

  it('recovers from the newest valid checkpoint when a chunk only it has is corrupted', async () => {
    for (const id of [1, 2, 3]) {
      await writeSnapshot(paths.checkpoint('job', id), content(id, state(id, 9)));
    }
    // Checkpoint 3's version of key group 9 is in a chunk no other checkpoint shares.
    const chunk3 = (await readSnapshot(paths.checkpoint('job', 3))).manifest.operators
      .find((op) => op.uid === 'win')
      ?.keyedChunks.find((c) => c.keyGroups[0] === 9)?.file as string;
    await writeFile(path.join(paths.checkpointsOf('job'), SHARED_DIR, chunk3), '[]');
    const choice = await findLatestValidCheckpoint(paths.checkpointsOf('job'));
    expect(choice.snapshot?.manifest.checkpointId).toBe(2);
    expect(choice.skipped.map((s) => s.defect)).toEqual(['CHECKSUM_MISMATCH']);
    expect(choice.skipped[0]?.message).toContain(chunk3);
    expect(choice.highestSeenId).toBe(3);
  });

  it('finds nothing in an empty or missing directory', async () => {
    const choice = await findLatestValidCheckpoint(path.join(root, 'nope'));
    expect(choice).toEqual({ snapshot: null, skipped: [], highestSeenId: 0 });
  });
});
