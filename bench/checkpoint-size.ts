// Checkpoint duration and bytes written vs keyed state size (10k, 100k, 1M keys), full vs
// incremental. Drives the storage functions directly with state shaped like the tumbling
// window operator's (one slot per key, packed per key group) the way the runtime does: only
// changed key groups are serialised again (a subtask's work), and within them a window's keys
// are pieces stored before; unchanged groups keep their bytes and the job master knows where
// they are stored. The first checkpoint writes everything, each following one a segment of
// what changed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createSnapshotPaths,
  packedGroup,
  pruneCheckpoints,
  SegmentLocations,
  serialiseEntry,
  windowGroups,
  writeSnapshot,
} from '@weir/engine/testing';
import { report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '10000,100000,1000000' },
    'max-parallelism': { type: 'string', default: '128' },
  },
});
const sizes = values.keys.split(',').map(Number);
const maxParallelism = Number(values['max-parallelism']);

/** Which keys a checkpoint's change updates, out of `keys`; each applies on top of the last. */
const checkpoints: Array<{
  name: string;
  label: string;
  touches: (keys: number) => (key: number, group: number) => boolean;
}> = [
  { name: 'full', label: 'full (first)', touches: () => () => false },
  {
    name: 'one_group',
    label: 'incr: keys of 1 key group',
    touches: () => (_, group) => group === 7,
  },
  {
    name: 'ten_keys',
    label: 'incr: 10 scattered keys',
    touches: (keys) => (key) => key % Math.floor(keys / 10) === 3,
  },
  {
    name: 'permille',
    label: 'incr: 0.1% scattered keys',
    touches: () => (key) => key % 1000 === 3,
  },
];

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

interface Row {
  keys: number;
  checkpoint: (typeof checkpoints)[number];
  ms: number;
  sizeBytes: number;
  writtenBytes: number;
}

/** Writes the full checkpoint, then one per change, each pruned to the newest two as a job would. */
async function measure(keys: number, onRow: (row: Row) => void): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'weir-bench-chk-'));
  const paths = createSnapshotPaths(root, root);
  // The operator's state, kept from one checkpoint to the next as the operator keeps it: its
  // windows hand in the pieces of keys they serialised before (see WindowColumns).
  const { groups, slots } = windowGroups(keys, maxParallelism);
  for (const slot of slots) slot.count = 1;
  const sent = new Map<number, Uint8Array[]>();
  const locations = new SegmentLocations();
  for (const [index, checkpoint] of checkpoints.entries()) {
    const touches = checkpoint.touches(keys);
    const changedGroups = new Set<number>();
    slots.forEach((slot, key) => {
      if (!touches(key, slot.keyGroup)) return;
      slot.count += 1;
      changedGroups.add(slot.keyGroup);
    });
    const started = performance.now();
    // Subtasks serialise the key groups that changed (all of them the first time).
    for (const [group, window] of groups)
      if (index === 0 || changedGroups.has(group))
        sent.set(group, serialiseEntry(group, packedGroup([window]))[1]);
    const operator = {
      uid: 'count',
      kind: 'tumbling-count',
      parallelism: 1,
      state: { parallelism: 1, keyed: [...sent], operator: [[]] },
    };
    const { sizeBytes, writtenBytes } = await writeSnapshot(
      paths.checkpoint('bench', index + 1),
      {
        jobId: 'bench',
        checkpointId: index + 1,
        kind: 'CHECKPOINT',
        maxParallelism,
        operators: [{ ...operator, keyGroupRanges: [[0, maxParallelism - 1]] }],
        sourcePositions: {},
        deadLetters: [],
      },
      paths.claims,
      locations,
    );
    onRow({
      keys,
      checkpoint,
      ms: Math.round(performance.now() - started),
      sizeBytes,
      writtenBytes,
    });
    await pruneCheckpoints(paths.checkpointsOf('bench'), 2, new Set(), paths.claims);
  }
  await rm(root, { recursive: true, force: true });
}

await measure(10_000, () => {}); // warm-up: keeps JIT start-up out of the first row
const figures: Record<string, unknown> = { bench: 'checkpoint-size', maxParallelism };
process.stderr.write(
  `maxParallelism ${maxParallelism}, one operator of window state\n${'keys'.padStart(8)}  ${'checkpoint'.padEnd(27)}${'ms'.padStart(7)}${'state MB'.padStart(10)}${'written MB'.padStart(12)}${'written'.padStart(9)}\n`,
);
for (const keys of sizes) {
  await measure(keys, ({ checkpoint, ms, sizeBytes, writtenBytes }) => {
    const share = `${((100 * writtenBytes) / sizeBytes).toFixed(1)}%`;
    process.stderr.write(
      `${String(keys).padStart(8)}  ${checkpoint.label.padEnd(27)}${String(ms).padStart(7)}${mb(sizeBytes).padStart(10)}${mb(writtenBytes).padStart(12)}${share.padStart(9)}\n`,
    );
    Object.assign(figures, {
      [`k${keys}_${checkpoint.name}_ms`]: ms,
      [`k${keys}_${checkpoint.name}_size_bytes`]: sizeBytes,
      [`k${keys}_${checkpoint.name}_written_bytes`]: writtenBytes,
    });
  });
}
report(figures);
