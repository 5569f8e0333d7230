import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowState } from '../../../testing/window-state-fixture.js';
import { slotsOfGroup } from '../../operators/windows/packed-windows.js';
import { serialiseStored } from '../../state/serialised-state.js';
import type { StoredOperatorState } from '../../state/state-assignment.js';
import { ManifestSchema } from './manifest.js';
import { createSnapshotPaths, METADATA_FILE, SHARED_DIR, type SnapshotPaths } from './paths.js';
import { SegmentLocations } from './segment-plan.js';
import {
  findLatestValidCheckpoint,
  readSnapshot,
  type SnapshotContent,
  SnapshotInvalidError,
  writeSnapshot,
} from './storage.js';

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
  deadLetters: [],
});

const sharedFiles = () => readdir(path.join(paths.checkpointsOf('job'), SHARED_DIR));

describe('checkpoint storage', () => {
  it('writes keyed and list state into one shared segment, and reads it back', async () => {
    const dir = paths.checkpoint('job', 7);
    const win = state(1);
    const { manifest, sizeBytes, writtenBytes } = await writeSnapshot(
      dir,
      content(7, win),
      paths.claims,
    );
    expect(
      ManifestSchema.parse(JSON.parse(await readFile(path.join(dir, METADATA_FILE), 'utf8'))),
    ).toEqual(manifest);
    expect(await readdir(dir)).toEqual([METADATA_FILE]);
    expect(manifest.files).toHaveLength(1);
    expect(await sharedFiles()).toEqual([manifest.files[0]?.name]);
    const keyed = manifest.operators.find((op) => op.uid === 'win')?.keyed ?? [];
    expect(keyed).toHaveLength(win.keyed.length);
    // The segment holds exactly what the snapshot needs.
    expect(sizeBytes).toBe(manifest.files[0]?.sizeBytes);
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
    expect(loaded.deadLetters).toEqual([]);
  });

  it('writes only the changed key group the next time: about 1/N of the bytes', async () => {
    const locations = new SegmentLocations();
    const firstContent = content(1, state(1));
    const first = await writeSnapshot(
      paths.checkpoint('job', 1),
      firstContent,
      paths.claims,
      locations,
    );
    const groups = state(1).keyed.length;
    // As the job master hands them on: the unchanged groups' very pieces, group 5 anew.
    const sentBefore = new Map(firstContent.operators[1]?.state.keyed);
    const next = content(2, state(2, 5));
    const win = next.operators[1]?.state as StoredOperatorState<Uint8Array[]>;
    win.keyed = win.keyed.map(([g, pieces]) => [g, g === 5 ? pieces : (sentBefore.get(g) ?? [])]);
    const second = await writeSnapshot(paths.checkpoint('job', 2), next, paths.claims, locations);
    expect(second.sizeBytes).toBe(first.sizeBytes);
    // One key group of N plus the small list state.
    expect(second.writtenBytes).toBeLessThan((first.writtenBytes * 2) / groups);
    expect(second.manifest.files.map((f) => f.name).sort()).toEqual((await sharedFiles()).sort());
    expect(await sharedFiles()).toHaveLength(2);
    const restored = await readSnapshot(paths.checkpoint('job', 2));
    const group5 = restored.states.get('win')?.keyed.find(([group]) => group === 5)?.[1];
    expect(slotsOfGroup(group5, 5).every((slot) => slot.count === 2)).toBe(true);
    expect(restored.states.get('win')?.keyed).toHaveLength(groups);
  });

  it('writes a savepoint self-contained, so a copy elsewhere reads back the same state', async () => {
    await writeSnapshot(paths.checkpoint('job', 1), content(1, state(1)), paths.claims);
    const dir = paths.savepoint('job', 2, 'abc');
    const deadLetters = [
      {
        id: 'b1',
        epoch: 2,
        vertexId: 'parse',
        subtaskIndex: 0,
        count: 3,
        letters: [
          {
            at: new Date(0).toISOString(),
            operatorUid: 'parse',
            reason: 'malformed JSON: x',
            record: '{"a',
            truncated: false,
          },
        ],
      },
    ];
    const written = await writeSnapshot(
      dir,
      { ...content(2, state(1), 'SAVEPOINT'), deadLetters },
      paths.claims,
    );
    expect(written.writtenBytes).toBe(written.sizeBytes);
    expect(written.manifest.files.every((f) => f.scope === 'own')).toBe(true);
    const moved = path.join(root, 'elsewhere', 'my-savepoint');
    await cp(dir, moved, { recursive: true });
    await rm(path.join(root, 'sp'), { recursive: true });
    await rm(path.join(root, 'chk'), { recursive: true });
    const loaded = await readSnapshot(moved);
    expect(loaded.manifest.kind).toBe('SAVEPOINT');
    expect(loaded.deadLetters).toEqual(deadLetters);
    expect(loaded.states.get('win')?.keyed).toEqual(state(1).keyed.sort((a, b) => a[0] - b[0]));
  });

  it('rejects a flipped byte or a missing segment, and a missing manifest', async () => {
    const dir = paths.checkpoint('job', 1);
    const { manifest } = await writeSnapshot(dir, content(1, state(1)), paths.claims);
    const shared = manifest.files.find((f) => f.scope === 'shared')?.name as string;
    const segment = path.join(paths.checkpointsOf('job'), SHARED_DIR, shared);
    const original = await readFile(segment);
    const flipped = Buffer.from(original);
    flipped[3] = (flipped[3] as number) ^ 0x01;
    await writeFile(segment, flipped);
    await expect(readSnapshot(dir)).rejects.toMatchObject({
      defect: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining(`shared file ${shared}`),
    });
    await rm(segment);
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'MISSING_FILE' });
    await writeFile(segment, original);
    await readSnapshot(dir);
    await rm(path.join(dir, METADATA_FILE));
    await expect(readSnapshot(dir)).rejects.toMatchObject({ defect: 'MISSING_METADATA' });
  });

  it('reports an older manifest format, a path outside the snapshot or a range beyond its file as BAD_METADATA', async () => {
    const dir = paths.checkpoint('job', 1);
    const { manifest } = await writeSnapshot(dir, content(1, state(1)), paths.claims);
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
    const [src, win] = manifest.operators;
    const beyond = { ...win, listState: [[0, manifest.files[0]?.sizeBytes, 1]] };
    await writeFile(metadata, JSON.stringify({ ...manifest, operators: [src, beyond] }));
    await expect(readSnapshot(dir)).rejects.toMatchObject({
      defect: 'BAD_METADATA',
      message: expect.stringContaining('outside the listed files'),
    });
    await writeFile(metadata, '{"formatVersion": 4, "trunc');
    await expect(readSnapshot(dir)).rejects.toBeInstanceOf(SnapshotInvalidError);
  });

  it('recovers from the newest valid checkpoint when a segment only it has is corrupted', async () => {
    for (const id of [1, 2, 3]) {
      await writeSnapshot(paths.checkpoint('job', id), content(id, state(id, 9)), paths.claims);
    }
    const segmentsOf = async (id: number) =>
      (await readSnapshot(paths.checkpoint('job', id))).manifest.files.map((f) => f.name);
    const older = new Set([...(await segmentsOf(1)), ...(await segmentsOf(2))]);
    const onlyThird = (await segmentsOf(3)).filter((name) => !older.has(name));
    expect(onlyThird).toHaveLength(1);
    const segment = onlyThird[0] as string;
    await writeFile(path.join(paths.checkpointsOf('job'), SHARED_DIR, segment), '[]');
    const choice = await findLatestValidCheckpoint(paths.checkpointsOf('job'));
    expect(choice.snapshot?.manifest.checkpointId).toBe(2);
    expect(choice.skipped.map((s) => s.defect)).toEqual(['CHECKSUM_MISMATCH']);
    expect(choice.skipped[0]?.message).toContain(segment);
    expect(choice.highestSeenId).toBe(3);
  });

  it('finds nothing in an empty or missing directory', async () => {
    const choice = await findLatestValidCheckpoint(path.join(root, 'nope'));
    expect(choice).toEqual({ snapshot: null, skipped: [], highestSeenId: 0 });
  });
});
