// Restore time vs state size: read and verify a checkpoint of N keys of window state, then
// deal its key groups out to the subtasks of a new parallelism (what a restore does before
// the job runs again).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createSnapshotPaths,
  readSnapshot,
  serialiseStored,
  stateForSubtask,
  windowState,
  writeSnapshot,
} from '@weir/engine/testing';
import { report } from './_run-job.js';

const { values } = parseArgs({
  options: { keys: { type: 'string', default: '10000,100000,1000000' } },
});
const maxParallelism = 128;
const figures: Record<string, unknown> = { bench: 'restore-time' };
const dir = await mkdtemp(path.join(tmpdir(), 'weir-restore-bench-'));
try {
  for (const keys of values.keys.split(',').map(Number)) {
    const paths = createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp'));
    const chk = paths.checkpoint(`job-${keys}`, 1);
    const state = windowState(keys, maxParallelism, () => 1);
    const written = await writeSnapshot(
      chk,
      {
        jobId: `job-${keys}`,
        checkpointId: 1,
        kind: 'CHECKPOINT',
        maxParallelism,
        operators: [
          {
            uid: 'count',
            kind: 'window',
            parallelism: 2,
            keyGroupRanges: [
              [0, 63],
              [64, 127],
            ],
            state: serialiseStored(state),
          },
        ],
        sourcePositions: {},
        deadLetters: [],
      },
      paths.claims,
    );
    const started = performance.now();
    const snapshot = await readSnapshot(chk);
    const read = performance.now();
    const stored = snapshot.states.get('count');
    if (!stored) throw new Error('state missing after restore');
    for (let subtask = 0; subtask < 3; subtask++)
      stateForSubtask(stored, subtask, 3, maxParallelism);
    const assigned = performance.now();
    figures[`k${keys}_read_ms`] = Math.round(read - started);
    figures[`k${keys}_assign_ms`] = Math.round(assigned - read);
    figures[`k${keys}_size_bytes`] = written.sizeBytes;
    process.stderr.write(
      `${keys} keys (${(written.sizeBytes / 1e6).toFixed(1)} MB): read+verify ${Math.round(read - started)} ms, redistribute to 3 subtasks ${Math.round(assigned - read)} ms\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
report(figures);
