import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WindowCheckpoints } from '../../../testing/window-state-fixture.js';
import { parseManifest } from './manifest.js';
import { createSnapshotPaths, METADATA_FILE, SHARED_DIR, type SnapshotPaths } from './paths.js';
import { pruneCheckpoints, readSnapshot, writeSnapshot } from './storage.js';

let root: string;
let paths: SnapshotPaths;
let jobDir: string;
let checkpoints: WindowCheckpoints;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'weir-retention-'));
  paths = createSnapshotPaths(path.join(root, 'chk'), path.join(root, 'sp'));
  jobDir = paths.checkpointsOf('job');
  checkpoints = new WindowCheckpoints(200, 16);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Checkpoint `id` after round `id` changed key group `id % 16` (of 16). */
const write = (id: number) => checkpoints.write(paths.checkpoint('job', id), id, paths.claims);

/** The shared segments the complete checkpoints on disk reference. */
async function referencedOnDisk(): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const entry of await readdir(jobDir)) {
    const raw = await readFile(path.join(jobDir, entry, METADATA_FILE), 'utf8').catch(() => null);
    const parsed = raw === null ? null : parseManifest(raw);
    if (parsed && 'manifest' in parsed) {
      for (const file of parsed.manifest.files)
        if (file.scope === 'shared') referenced.add(file.name);
    }
  }
  return referenced;
}

const sharedOnDisk = async () => new Set(await readdir(path.join(jobDir, SHARED_DIR)));

describe('checkpoint retention', () => {
  it('keeps every shared segment a retained checkpoint references and deletes the rest', async () => {
    for (let id = 1; id <= 8; id++) {
      await write(id);
      await pruneCheckpoints(jobDir, 3, new Set(), paths.claims);
      expect(await sharedOnDisk()).toEqual(await referencedOnDisk());
    }
    expect((await readdir(jobDir)).sort()).toEqual(['chk-6', 'chk-7', 'chk-8', SHARED_DIR]);
    for (const id of [6, 7, 8]) await readSnapshot(paths.checkpoint('job', id));
  });

  it('keeps in-flight checkpoints and newer partial ones, drops older partial ones', async () => {
    for (const id of [1, 2, 3, 4, 5]) await write(id);
    // chk-5 is being written (no manifest yet) and chk-2 was abandoned half-way.
    await rm(path.join(paths.checkpoint('job', 5), METADATA_FILE));
    await rm(path.join(paths.checkpoint('job', 2), METADATA_FILE));
    await pruneCheckpoints(jobDir, 2, new Set([5]), paths.claims);
    expect((await readdir(jobDir)).sort()).toEqual(['chk-3', 'chk-4', 'chk-5', SHARED_DIR]);
  });

  it('keeps what HA pointers name, and anything newer, where they exist; not the newest on disk', async () => {
    for (const id of [1, 2, 3, 4, 5, 6]) await write(id);
    // Pointers name 3 and 5. Checkpoint 4's commit was lost and never applied; checkpoint 6
    // is newer than every pointer (committing, or committed by a successor since the pointers
    // were read); checkpoint 1 is pinned for a restore; checkpoint 2's pointer has expired.
    const named = async () => [5, 3];
    await paths.claims.pin(paths.checkpoint('job', 1));
    await pruneCheckpoints(jobDir, 1, new Set(), paths.claims, named);
    const kept = ['chk-1', 'chk-3', 'chk-5', 'chk-6', SHARED_DIR];
    expect((await readdir(jobDir)).sort()).toEqual(kept);
    for (const id of [1, 3, 5, 6]) await readSnapshot(paths.checkpoint('job', id));
    expect(await sharedOnDisk()).toEqual(await referencedOnDisk());

    // Pointers that cannot be read: nothing goes.
    const unreadable = async (): Promise<number[]> => {
      throw new Error('CONNECTION_LOSS');
    };
    await expect(pruneCheckpoints(jobDir, 1, new Set(), paths.claims, unreadable)).rejects.toThrow(
      /CONNECTION_LOSS/,
    );
    expect((await readdir(jobDir)).sort()).toEqual(kept);
  });

  it('collects leftover segments and temporary files no manifest references', async () => {
    await write(1);
    const shared = path.join(jobDir, SHARED_DIR);
    const orphan = 'f'.repeat(64);
    await writeFile(path.join(shared, orphan), 'left by a crashed writer');
    await writeFile(path.join(shared, `${orphan}.0a1b2c3d.tmp`), 'half');
    await pruneCheckpoints(jobDir, 1, new Set(), paths.claims);
    expect(await sharedOnDisk()).toEqual(await referencedOnDisk());
  });

  it('deletes no shared segment while a retained manifest cannot be read', async () => {
    await write(1);
    await write(2);
    await writeFile(path.join(paths.checkpoint('job', 2), METADATA_FILE), '{"garbled');
    await rm(paths.checkpoint('job', 1), { recursive: true });
    const before = await sharedOnDisk();
    await pruneCheckpoints(jobDir, 2, new Set(), paths.claims);
    expect(await sharedOnDisk()).toEqual(before);
  });

  it('counts manifests of an earlier format as referencing no shared segment', async () => {
    await write(1);
    const metadata = path.join(paths.checkpoint('job', 1), METADATA_FILE);
    const old = JSON.parse(await readFile(metadata, 'utf8'));
    await writeFile(metadata, JSON.stringify({ ...old, formatVersion: 2 }));
    await pruneCheckpoints(jobDir, 2, new Set(), paths.claims);
    expect(await sharedOnDisk()).toEqual(new Set());
  });

  it('never takes a segment from a checkpoint written while a prune runs, whatever the timing', async () => {
    for (let delay = 0; delay < 12; delay++) {
      await rm(jobDir, { recursive: true, force: true });
      checkpoints = new WindowCheckpoints(200, 16);
      await write(1);
      // Checkpoint 2 is a full copy: only checkpoint 1 refers to its segment, and the prune
      // drops checkpoint 1 while checkpoint 3, which refers to that segment too, is written.
      await writeSnapshot(paths.checkpoint('job', 2), checkpoints.content(2), paths.claims);
      const writing = write(3);
      for (let i = 0; i < delay; i++) await new Promise((resolve) => setImmediate(resolve));
      await pruneCheckpoints(jobDir, 1, new Set(), paths.claims);
      await writing;
      await readSnapshot(paths.checkpoint('job', 3));
      await pruneCheckpoints(jobDir, 1, new Set(), paths.claims);
      await readSnapshot(paths.checkpoint('job', 3));
      expect(await sharedOnDisk()).toEqual(await referencedOnDisk());
    }
  });

  it('holds a claim released during a sweep until the sweep ends', async () => {
    const file = path.join(root, 'segment');
    await writeFile(file, 'x');
    await paths.claims.claim(file);
    await paths.claims.sweep(async (remove) => {
      paths.claims.release([file]);
      expect(await remove(file)).toBe(false);
    });
    await paths.claims.sweep(async (remove) => expect(await remove(file)).toBe(true));
    await expect(readFile(file)).rejects.toThrow();
  });
});
