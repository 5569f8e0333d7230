import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { checkRestore } from './restore-check.js';
import { MANIFEST_FORMAT_VERSION, type Manifest } from './storage/manifest.js';

const manifest = (operators: Array<[string, string, number]>, maxParallelism = 128): Manifest => ({
  formatVersion: MANIFEST_FORMAT_VERSION,
  jobId: 'job',
  checkpointId: 3,
  kind: 'SAVEPOINT',
  createdAt: new Date(0).toISOString(),
  maxParallelism,
  operators: operators.map(([uid, kind, parallelism]) => ({
    uid,
    kind,
    parallelism,
    keyGroupRanges: [],
    keyed: [],
    listState: [],
    finishedSubtasks: [],
  })),
  sourcePositions: {},
  files: [],
});

const spec = (uids: Array<[string, string]>, parallelism = 2) =>
  JobSpecSchema.parse({
    id: 'job',
    name: 'job',
    parallelism,
    checkpointing: { intervalMs: 1000 },
    operators: uids.map(([uid, kind]) =>
      kind === 'datagen'
        ? { uid, kind, config: { seed: 1, ratePerSecond: 1 } }
        : { uid, kind: 'blackhole' },
    ),
    edges: uids.slice(1).map(([uid], i) => ({ from: uids[i]?.[0] as string, to: uid })),
  });

describe('checkRestore', () => {
  it('restores matching operators and reports parallelism changes', () => {
    const result = checkRestore(
      manifest([
        ['src', 'datagen', 1],
        ['sink', 'blackhole', 1],
      ]),
      spec([
        ['src', 'datagen'],
        ['sink', 'blackhole'],
      ]),
      { allowNonRestoredState: false },
    );
    expect(result.ok).toBe(true);
    expect(result.restored).toEqual([
      { uid: 'src', kind: 'datagen', fromParallelism: 1, toParallelism: 2 },
      { uid: 'sink', kind: 'blackhole', fromParallelism: 1, toParallelism: 2 },
    ]);
    expect(result.dropped).toEqual([]);
  });

  it('refuses state without an operator unless non-restored state is allowed', () => {
    const snapshot = manifest([
      ['src', 'datagen', 2],
      ['old', 'blackhole', 2],
      ['sink', 'blackhole', 2],
    ]);
    const job = spec([
      ['src', 'datagen'],
      ['sink', 'blackhole'],
      ['new', 'blackhole'],
    ]);
    const refused = checkRestore(snapshot, job, { allowNonRestoredState: false });
    expect(refused.ok).toBe(false);
    expect(refused.dropped).toEqual([{ uid: 'old', kind: 'blackhole' }]);
    expect(refused.startEmpty).toEqual([{ uid: 'new', kind: 'blackhole' }]);
    expect(refused.problems[0]).toMatch(/state for "old", which the job no longer has/);
    expect(checkRestore(snapshot, job, { allowNonRestoredState: true }).ok).toBe(true);
  });

  it('refuses a change of maxParallelism and of an operator kind', () => {
    const result = checkRestore(
      manifest([['src', 'blackhole', 2]], 64),
      spec([['src', 'datagen']]),
      { allowNonRestoredState: true },
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(2);
    expect(result.problems.join(' ')).toMatch(
      /maxParallelism is 128 but the snapshot was taken with 64/,
    );
  });
});
